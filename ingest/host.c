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
 *
 * The label, the name a new host gets, is the CPU and GPU model in short
 * ('ryzen-ai-max-395-8060s', 'xeon-6338-a30'): vendor, trademark, tier
 * and marketing words dropped.  The store adds the key's hash to it only
 * when another machine has that name already.
 */
#include "parsers.h"
#include "sha256.h"
#include "../util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/* The longest a label's CPU part and GPU part may be; each is cut at a
 * word when longer. */
#define LABEL_PART_MAX 24

static int word_is(const char *w, size_t n, const char *word)
{
	return strlen(word) == n && !strncasecmp(w, word, n);
}

static int word_in(const char *w, size_t n, const char *const *words)
{
	for (; *words; words++)
		if (word_is(w, n, *words))
			return 1;
	return 0;
}

static int has_digit(const char *w, size_t n)
{
	while (n--)
		if (isdigit((unsigned char)*w++))
			return 1;
	return 0;
}

/* '13th', '2nd': the N of "Nth Gen". */
static int is_ordinal(const char *w, size_t n)
{
	size_t i = 0;

	while (i < n && isdigit((unsigned char)w[i]))
		i++;
	return i > 0 && n - i == 2 &&
	       (word_is(w + i, 2, "st") || word_is(w + i, 2, "nd") ||
		word_is(w + i, 2, "rd") || word_is(w + i, 2, "th"));
}

/* 'i9-13900K', 'i7': the model after Intel's "Core". */
static int is_core_model(const char *w, size_t n)
{
	size_t i = 1;

	if (n < 2 || (w[0] != 'i' && w[0] != 'I'))
		return 0;
	while (i < n && isdigit((unsigned char)w[i]))
		i++;
	return i > 1 && (i == n || w[i] == '-');
}

/* 'Core' in '16-Core', 'Quad-Core'. */
static int is_n_core(const char *w, size_t n)
{
	return n > 5 && w[n - 5] == '-' && word_is(w + n - 4, 4, "core");
}

/* Appends the alphanumeric runs of w[0..n), lower case, '-' between. */
static void add_slug(struct strbuf *sb, const char *w, size_t n)
{
	int dash = sb->len > 0;
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)w[i];

		if (!isalnum(c) || c >= 0x80) {
			dash = sb->len > 0;
			continue;
		}
		if (dash && sb->len && sb->buf[sb->len - 1] != '-')
			strbuf_addch(sb, '-');
		dash = 0;
		strbuf_addch(sb, (char)tolower(c));
	}
}

/* Cuts sb to max bytes at a '-' where there is one. */
static void cap_slug(struct strbuf *sb, size_t max)
{
	size_t n = max;

	if (sb->len <= max)
		return;
	while (n > 0 && sb->buf[n] != '-')
		n--;
	sb->len = n ? n : max;
	sb->buf[sb->len] = '\0';
}

/* Drops '(R)', '(TM)' and any other '(...)' group: words in parentheses
 * are trademarks or drivers, never the model. */
static char *drop_parens(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	int depth = 0;

	for (; *s; s++) {
		if (*s == '(') {
			depth++;
			strbuf_addch(&sb, ' ');
		} else if (*s == ')' && depth) {
			depth--;
		} else if (!depth) {
			strbuf_addch(&sb, *s);
		}
	}
	return strbuf_detach(&sb);
}

/*
 * The model of one CPU or GPU description in short, as a slug:
 * 'Intel(R) Xeon(R) Gold 6338 CPU' -> 'xeon-6338', 'NVIDIA GeForce RTX
 * 4080' -> 'rtx-4080', 'AMD Radeon Graphics' -> '' (says no model).
 */
static void short_name(const char *desc, int gpu, struct strbuf *out)
{
	static const char *const dropped[] = { "AMD", "Intel", "NVIDIA",
		"Apple", "CPU", "Processor", "Gold", "Silver", "Platinum",
		"Bronze", NULL };
	static const char *const gpu_dropped[] = { "GeForce", "Graphics",
		NULL };
	char *s = drop_parens(desc);
	const char *p = s, *w, *next;
	size_t n, nn;

	/* cpu_info lists the CPU first, then any accelerators (b9000+) */
	if (!gpu && strstr(s, ", "))
		*strstr(s, ", ") = '\0';
	for (;;) {
		while (isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		w = p;
		n = strcspn(w, " \t\n\r\f\v");
		p = w + n;
		next = p + strspn(p, " \t\n\r\f\v");
		nn = strcspn(next, " \t\n\r\f\v");
		/* what follows names the iGPU or the clock */
		if (word_is(w, n, "w/") || word_is(w, n, "with") || *w == '@')
			break;
		if (word_in(w, n, dropped) || (gpu && word_in(w, n, gpu_dropped)) ||
		    is_n_core(w, n))
			continue;
		if (is_ordinal(w, n) && word_is(next, nn, "Gen")) {
			p = next + nn;
			continue;
		}
		if (word_is(w, n, "Core") && is_core_model(next, nn))
			continue;
		/* 'Radeon 8060S', 'Radeon RX 7900 XTX'; not 'Radeon VII' */
		if (gpu && word_is(w, n, "Radeon") &&
		    (!nn || has_digit(next, nn) || word_is(next, nn, "RX") ||
		     word_is(next, nn, "Graphics")))
			continue;
		add_slug(out, w, n);
	}
	free(s);
	cap_slug(out, LABEL_PART_MAX);
}

/* The GPU part of a label: 'a30', '2x-a30', 'a30-l4'; devs are sorted.
 * A GPU that says no model or that is the CPU (its iGPU) adds nothing. */
static void gpu_part(char **devs, size_t n, const char *cpu,
		     struct strbuf *out)
{
	struct strbuf prev = STRBUF_INIT, cur = STRBUF_INIT;
	size_t i, count = 0;

	for (i = 0; i <= n; i++) {
		strbuf_reset(&cur);
		if (i < n)
			short_name(devs[i], 1, &cur);
		if (i < n && (!cur.len || !strcmp(cur.buf, cpu)))
			continue;
		if (i < n && count && !strcmp(cur.buf, prev.buf)) {
			count++;
			continue;
		}
		if (count) {
			if (out->len)
				strbuf_addch(out, '-');
			if (count > 1)
				strbuf_addf(out, "%zux-", count);
			strbuf_addstr(out, prev.buf);
		}
		if (i < n) {
			strbuf_reset(&prev);
			strbuf_addstr(&prev, cur.buf);
			count = 1;
		}
	}
	strbuf_release(&prev);
	strbuf_release(&cur);
	cap_slug(out, LABEL_PART_MAX);
}

void hdb_host_key(const char *cpu_info, const char *gpu_info, char **key,
		  char **label, char **suffixed)
{
	struct strbuf sb = STRBUF_INIT, name = STRBUF_INIT, gpus = STRBUF_INIT;
	struct sha256 c;
	char *cpu = clean_name(cpu_info ? cpu_info : "",
			       cpu_info ? strlen(cpu_info) : 0);
	char **devs = NULL, hex[65];
	size_t n = gpu_info ? gpu_devices(gpu_info, cpu, &devs) : 0, i;

	*key = *label = *suffixed = NULL;
	if (!*cpu && !n) {
		free(cpu);
		return;
	}
	strbuf_addf(&sb, "cpu=%s;gpu=", cpu);
	for (i = 0; i < n; i++)
		strbuf_addf(&sb, "%s%s", i ? "+" : "", devs[i]);
	*key = strbuf_detach(&sb);

	short_name(cpu, 0, &name);
	gpu_part(devs, n, strbuf_str(&name), &gpus);
	if (gpus.len) {
		if (name.len)
			strbuf_addch(&name, '-');
		strbuf_addstr(&name, gpus.buf);
	}
	if (!name.len)
		strbuf_addstr(&name, "host");
	/* Two machines that come out the same (one Xeon with an A30, another
	 * Xeon with an A30) get the short hash of the key too. */
	sha256_init(&c);
	sha256_update(&c, *key, strlen(*key));
	sha256_final_hex(&c, hex);
	*label = xstrdup(name.buf);
	strbuf_addf(&name, "-%.4s", hex);
	*suffixed = strbuf_detach(&name);
	strbuf_release(&gpus);
	for (i = 0; i < n; i++)
		free(devs[i]);
	free(devs);
	free(cpu);
}
