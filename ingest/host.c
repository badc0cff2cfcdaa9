/*
 * host.c: a stable key for the machine a llama-bench record came from.
 *
 * cpu_info and gpu_info identify a machine, but parts of them drift
 * between builds and backends of the same machine: the Vulkan driver in
 * parentheses ('(RADV GFX1151)'), a vendor prefix ('AMD Radeon 8060S
 * Graphics' vs 'Radeon 8060S Graphics'), the CPU's own iGPU listed as a
 * GPU (b6451+), the list separator ('/' before b3990, ', ' after), device
 * order, repeated blanks and trailing spaces (Windows).  The key keeps
 * only what does not drift.
 */
#include "parsers.h"
#include "sha256.h"
#include "../util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Trims, collapses blank runs, drops trailing '(...)' groups and a
 * leading vendor word. */
static char *clean_name(const char *s, size_t n)
{
	static const char *const vendors[] = { "AMD ", "NVIDIA ", "Intel ",
					       "Intel(R) " };
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	int blank = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (isspace(c)) {
			blank = 1;
			continue;
		}
		if (blank && sb.len)
			strbuf_addch(&sb, ' ');
		blank = 0;
		strbuf_addch(&sb, (char)c);
	}
	while (sb.len && sb.buf[sb.len - 1] == ')') {
		char *open = strrchr(sb.buf, '(');

		if (!open)
			break;
		sb.len = (size_t)(open - sb.buf);
		while (sb.len && sb.buf[sb.len - 1] == ' ')
			sb.len--;
		sb.buf[sb.len] = '\0';
	}
	for (i = 0; i < sizeof(vendors) / sizeof(vendors[0]); i++) {
		size_t vl = strlen(vendors[i]);

		if (sb.len > vl && !strncmp(sb.buf, vendors[i], vl)) {
			memmove(sb.buf, sb.buf + vl, sb.len - vl + 1);
			sb.len -= vl;
			break;
		}
	}
	return strbuf_detach(&sb);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Splits gpu_info into cleaned device names, dropping the CPU's own. */
static size_t gpu_devices(const char *gpu, const char *cpu, char ***out)
{
	const char *sep = strstr(gpu, ", ") ? ", " : "/";
	size_t n = 0, cap = 0, seplen = strlen(sep);
	char **devs = NULL;
	const char *p = gpu;

	while (*p) {
		const char *e = strstr(p, sep);
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char *name = clean_name(p, len);

		if (*name && (!cpu || strcmp(name, cpu))) {
			if (n == cap) {
				cap = cap ? 2 * cap : 4;
				devs = xrealloc(devs, cap * sizeof(*devs));
			}
			devs[n++] = name;
		} else {
			free(name);
		}
		p += len;
		if (e)
			p += seplen;
	}
	if (n > 1)
		qsort(devs, n, sizeof(*devs), cmp_str);
	*out = devs;
	return n;
}

/* 'Radeon 8060S Graphics' -> 'radeon-8060s-graphics'. */
static void add_slug(struct strbuf *sb, const char *s, size_t max)
{
	size_t start = sb->len;
	int dash = 0;

	for (; *s && sb->len - start < max; s++) {
		unsigned char c = (unsigned char)*s;

		if (isalnum(c)) {
			if (dash && sb->len > start)
				strbuf_addch(sb, '-');
			dash = 0;
			strbuf_addch(sb, (char)tolower(c));
		} else {
			dash = 1;
		}
	}
}

void hdb_host_key(const char *cpu_info, const char *gpu_info, char **key,
		  char **label)
{
	struct strbuf sb = STRBUF_INIT;
	struct sha256 c;
	char *cpu = clean_name(cpu_info ? cpu_info : "",
			       cpu_info ? strlen(cpu_info) : 0);
	char **devs = NULL, hex[65];
	size_t n = gpu_info ? gpu_devices(gpu_info, cpu, &devs) : 0, i;

	*key = *label = NULL;
	if (!*cpu && !n) {
		free(cpu);
		return;
	}
	strbuf_addf(&sb, "cpu=%s;gpu=", cpu);
	for (i = 0; i < n; i++)
		strbuf_addf(&sb, "%s%s", i ? "+" : "", devs[i]);
	*key = strbuf_detach(&sb);

	/* The label names the first GPU (or the CPU) plus a short hash of
	 * the whole key, so that it is stable and two machines that share a
	 * GPU model still get two names. */
	add_slug(&sb, n ? devs[0] : cpu, 32);
	if (!sb.len)
		strbuf_addstr(&sb, "host");
	sha256_init(&c);
	sha256_update(&c, *key, strlen(*key));
	sha256_final_hex(&c, hex);
	strbuf_addf(&sb, "-%.4s", hex);
	*label = strbuf_detach(&sb);
	for (i = 0; i < n; i++)
		free(devs[i]);
	free(devs);
	free(cpu);
}
