/*
 * facts.c: what the run directory's manifest says about the machine: the
 * CPU, the GPUs, memory, the kernel and its command line, the drivers'
 * versions where they can be read.  Read under the same proc and sys
 * roots as the gate (so tests see fake ones), plus nvidia-smi's answer to
 * a name query that the caller captured.  Never fails: what cannot be
 * read stays NULL and the manifest writes null.
 */
#include "run.h"
#include "../util.h"

#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* root/rel's text, trailing blanks cut; NULL when empty or unreadable. */
static char *read_trim(const char *root, const char *rel)
{
	char *p = xasprintf("%s/%s", root, rel);
	char *text = read_file_trimmed(p, 1 << 20);

	free(p);
	if (text && !*text) {
		free(text);
		return NULL;
	}
	return text;
}

/* The value of the first 'key<blanks>: value' line of text, or NULL. */
static char *field(const char *text, const char *key)
{
	const char *p = text;
	size_t kl = strlen(key);

	while (p && *p) {
		if (!strncmp(p, key, kl) && (p[kl] == '\t' || p[kl] == ' ' ||
					     p[kl] == ':')) {
			const char *c = p + kl, *e;

			while (*c == ' ' || *c == '\t')
				c++;
			if (*c == ':') {
				c++;
				while (*c == ' ' || *c == '\t')
					c++;
				e = c + strcspn(c, "\n");
				while (e > c && isspace((unsigned char)e[-1]))
					e--;
				return xstrndup(c, (size_t)(e - c));
			}
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return NULL;
}

static void add_gpu(struct hdb_facts *f, char *name)
{
	f->gpus = xrealloc(f->gpus, (f->n_gpus + 1) * sizeof(*f->gpus));
	f->gpus[f->n_gpus++] = name;
}

static int card_name(const char *name)
{
	const char *p = name + 4;

	if (strncmp(name, "card", 4) || !*p)
		return 0;
	for (; *p; p++)
		if (!isdigit((unsigned char)*p))
			return 0;
	return 1;
}

void hdb_facts_read(struct hdb_facts *f, const char *proc_root,
		    const char *sys_root, const char *nvsmi_names)
{
	char *text, *p;
	struct dirent **ents = NULL;
	int k, i;

	memset(f, 0, sizeof(*f));
	f->memory_total = -1;
	if ((text = read_trim(proc_root, "cpuinfo"))) {
		f->cpu = field(text, "model name");
		free(text);
	}
	if ((text = read_trim(proc_root, "meminfo"))) {
		if ((p = field(text, "MemTotal")))
			f->memory_total = strtoll(p, NULL, 10) * 1024;
		free(p);
		free(text);
	}
	f->kernel = read_trim(proc_root, "sys/kernel/osrelease");
	f->cmdline = read_trim(proc_root, "cmdline");
	f->hostname = read_trim(proc_root, "sys/kernel/hostname");
	if (!f->hostname) {
		char h[256];

		if (!gethostname(h, sizeof(h))) {
			h[sizeof(h) - 1] = '\0';
			f->hostname = xstrdup(h);
		}
	}
	/* 'NVRM version: NVIDIA UNIX x86_64 Kernel Module  580.65.06  ...',
	 * or '... Open Kernel Module for x86_64  580.159.04  ...': the first
	 * word after 'Kernel Module' that is a version */
	if ((text = read_trim(proc_root, "driver/nvidia/version"))) {
		if ((p = strstr(text, "Kernel Module"))) {
			size_t len;

			for (p += 13; *p && *p != '\n'; p += len) {
				p += strspn(p, " \t");
				len = strcspn(p, " \t\n");
				if (len && isdigit((unsigned char)*p) &&
				    memchr(p, '.', len)) {
					f->nvidia_driver = xstrndup(p, len);
					break;
				}
			}
		}
		free(text);
	}
	if (nvsmi_names) {
		const char *line = nvsmi_names;

		while (*line) {
			size_t len = strcspn(line, "\n");
			char *buf = xstrndup(line, len), *name, *drv, *mem;

			line += len + (line[len] == '\n');
			name = strtok(buf, ",");
			drv = name ? strtok(NULL, ",") : NULL;
			mem = drv ? strtok(NULL, ",") : NULL;
			while (name && *name == ' ')
				name++;
			while (drv && *drv == ' ')
				drv++;
			while (mem && *mem == ' ')
				mem++;
			if (name && *name) {
				if (mem && isdigit((unsigned char)*mem))
					add_gpu(f, xasprintf("%s (%ld MiB)",
							     name, strtol(mem,
							     NULL, 10)));
				else
					add_gpu(f, xstrdup(name));
			}
			if (drv && *drv && !f->nvidia_driver)
				f->nvidia_driver = xstrdup(drv);
			free(buf);
		}
	}
	/* amdgpu cards */
	p = xasprintf("%s/class/drm", sys_root);
	k = scandir(p, &ents, NULL, versionsort);
	free(p);
	for (i = 0; i < k; i++) {
		const char *c = ents[i]->d_name;
		char *rel, *vram, *prod, *vendor, *dev;

		if (!card_name(c)) {
			free(ents[i]);
			continue;
		}
		rel = xasprintf("class/drm/%s/device/mem_info_vram_total", c);
		vram = read_trim(sys_root, rel);
		free(rel);
		if (vram) {
			rel = xasprintf("class/drm/%s/device/product_name", c);
			prod = read_trim(sys_root, rel);
			free(rel);
			rel = xasprintf("class/drm/%s/device/vendor", c);
			vendor = read_trim(sys_root, rel);
			free(rel);
			rel = xasprintf("class/drm/%s/device/device", c);
			dev = read_trim(sys_root, rel);
			free(rel);
			{
				struct strbuf g = STRBUF_INIT;

				/* 'amdgpu card0 0x1002:0x1586 (VRAM 512 MiB)' */
				strbuf_addf(&g, "amdgpu %s", c);
				if (prod)
					strbuf_addf(&g, ": %s", prod);
				if (vendor && dev)
					strbuf_addf(&g, " %s:%s", vendor, dev);
				strbuf_addf(&g, " (VRAM %lld MiB)",
					    strtoll(vram, NULL, 10) >> 20);
				add_gpu(f, strbuf_detach(&g));
			}
			free(prod);
			free(vendor);
			free(dev);
			free(vram);
		}
		free(ents[i]);
	}
	free(ents);
	if (!(f->amdgpu_driver = read_trim(sys_root, "module/amdgpu/version"))) {
		char *d = xasprintf("%s/module/amdgpu", sys_root);

		if (!access(d, F_OK))
			f->amdgpu_driver = xasprintf("in-tree (kernel %s)",
						     f->kernel ? f->kernel
						     : "unknown");
		free(d);
	}
	if (!(f->ec_driver = read_trim(sys_root,
				       "module/ec_su_axb35/version"))) {
		char *d = xasprintf("%s/class/ec_su_axb35", sys_root);

		if (!access(d, F_OK))
			f->ec_driver = xstrdup("loaded");
		free(d);
	}
}

void hdb_facts_release(struct hdb_facts *f)
{
	size_t i;

	if (!f)
		return;
	free(f->cpu);
	for (i = 0; i < f->n_gpus; i++)
		free(f->gpus[i]);
	free(f->gpus);
	free(f->kernel);
	free(f->cmdline);
	free(f->hostname);
	free(f->nvidia_driver);
	free(f->amdgpu_driver);
	free(f->ec_driver);
	memset(f, 0, sizeof(*f));
}
