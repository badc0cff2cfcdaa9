/*
 * benchhelp.c: what a llama-bench build can do, read from the text it
 * prints: its --help (which flags exist, what -fa and -o take), the
 * markdown footer 'build: d32676d (9749)' and --list-devices.  Every
 * llama-bench era prints its options one per line, flags first:
 *
 *   -ctk <t>, --cache-type-k <t>        (default: f16)       (2023)
 *   -fa, --flash-attn <0|1>             (default: 0)         (2024-25)
 *   -d, --n-depth <n>                   (default: 0)         (from 5221)
 *   -fa, --flash-attn <on|off|auto>     (default: auto)      (later)
 *
 * so a line is read as flags and value specs up to the '(default' or the
 * first word that is neither.  Pure: text in, capabilities out.
 */
#include "run.h"
#include "../util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct flag {
	const char *name;
	size_t off;
};

#define C(f) offsetof(struct hdb_bench_caps, f)
static const struct flag flags[] = {
	{ "-m", C(has_m) }, { "--model", C(has_m) },
	{ "-p", C(has_p) }, { "--n-prompt", C(has_p) },
	{ "-n", C(has_n) }, { "--n-gen", C(has_n) },
	{ "-r", C(has_r) }, { "--repetitions", C(has_r) },
	{ "-o", C(has_o) }, { "--output", C(has_o) },
	{ "-d", C(has_d) }, { "--n-depth", C(has_d) },
	{ "-pg", C(has_pg) },
	{ "-ctk", C(has_ctk) }, { "--cache-type-k", C(has_ctk) },
	{ "-ctv", C(has_ctv) }, { "--cache-type-v", C(has_ctv) },
	{ "-ngl", C(has_ngl) }, { "--n-gpu-layers", C(has_ngl) },
	{ "-ub", C(has_ub) }, { "--ubatch-size", C(has_ub) },
	{ "--list-devices", C(has_list_devices) },
};
#undef C

/* One option line: its flags (up to 4) and the value spec ('<0|1>'). */
struct opt_line {
	char names[4][32];
	int n;
	char spec[128];
};

/* Reads 'line' as an option line; 0 when it is one. */
static int read_opt_line(const char *line, struct opt_line *ol)
{
	const char *p = line;

	memset(ol, 0, sizeof(*ol));
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '-')
		return -1;
	for (;;) {
		size_t n;

		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '-') {
			n = strcspn(p, " \t,\n<");
			if (ol->n < 4 && n < sizeof(ol->names[0])) {
				memcpy(ol->names[ol->n], p, n);
				ol->names[ol->n++][n] = '\0';
			}
			p += n;
		} else if (*p == '<') {
			/* '<tensor name pattern>=<buffer type>;...' has
			 * blanks inside: the spec ends at the last '>' of
			 * its word */
			const char *gt = strchr(p, '>');

			if (!gt)
				break;
			n = strcspn(gt, " \t\n");
			n += (size_t)(gt - p);
			if (!ol->spec[0] && n < sizeof(ol->spec)) {
				memcpy(ol->spec, p, n);
				ol->spec[n] = '\0';
			}
			p += n;
		} else {
			break;
		}
	}
	return ol->n ? 0 : -1;
}

/* Does spec ('<csv|json|jsonl|md|sql>') list word? */
static int spec_has(const char *spec, const char *word)
{
	size_t n = strlen(word);
	const char *p = spec;

	while ((p = strstr(p, word))) {
		if ((p == spec || p[-1] == '<' || p[-1] == '|') &&
		    (p[n] == '|' || p[n] == '>'))
			return 1;
		p += n;
	}
	return 0;
}

int hdb_bench_parse_help(const char *text, struct hdb_bench_caps *caps)
{
	const char *line = text;

	memset(caps, 0, sizeof(*caps));
	while (*line) {
		size_t len = strcspn(line, "\n"), i;
		char *buf = xstrndup(line, len);
		struct opt_line ol;
		int k;

		line += len + (line[len] == '\n');
		if (read_opt_line(buf, &ol)) {
			free(buf);
			continue;
		}
		for (k = 0; k < ol.n; k++) {
			for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
				if (!strcmp(flags[i].name, ol.names[k]))
					*(int *)((char *)caps + flags[i].off) = 1;
			if (!strcmp(ol.names[k], "-fa") ||
			    !strcmp(ol.names[k], "--flash-attn"))
				caps->fa = spec_has(ol.spec, "on") ||
					   spec_has(ol.spec, "auto")
					   ? HDB_FA_WORDS : HDB_FA_NUMERIC;
			if ((!strcmp(ol.names[k], "-o") ||
			     !strcmp(ol.names[k], "--output")) &&
			    spec_has(ol.spec, "jsonl"))
				caps->jsonl = 1;
		}
		free(buf);
	}
	if (!caps->has_m || !caps->has_p || !caps->has_n || !caps->has_r)
		return hdb_error("does not look like llama-bench's --help: "
				 "it lists no %s",
				 !caps->has_m ? "-m, --model"
				 : !caps->has_p ? "-p, --n-prompt"
				 : !caps->has_n ? "-n, --n-gen"
				 : "-r, --repetitions");
	return 0;
}

int hdb_bench_parse_build(const char *text, char commit[41], long *number)
{
	const char *p = text;

	while ((p = strstr(p, "build: "))) {
		const char *c = p + 7, *q = c;
		char *end;
		long n;

		p += 7;
		while (isxdigit((unsigned char)*q))
			q++;
		if (q == c || q - c > 40 || strncmp(q, " (", 2))
			continue;
		n = strtol(q + 2, &end, 10);
		if (end == q + 2 || *end != ')' || n <= 0)
			continue;
		memcpy(commit, c, (size_t)(q - c));
		commit[q - c] = '\0';
		*number = n;
		return 0;
	}
	return -1;
}

void hdb_bench_parse_devices(const char *text, char *out, size_t size)
{
	const char *line = text;
	size_t used = 0;

	if (size)
		out[0] = '\0';
	while (*line) {
		size_t len = strcspn(line, "\n"), a = 0, d;
		const char *s = line;
		char name[32];

		line += len + (line[len] == '\n');
		while (s < line && (*s == ' ' || *s == '\t'))
			s++;
		/* 'Vulkan0: Radeon 8060S ...': letters, digits, a colon */
		while (isalpha((unsigned char)s[a]))
			a++;
		d = a;
		while (isdigit((unsigned char)s[d]))
			d++;
		if (!a || d == a || s[d] != ':' || a >= sizeof(name))
			continue;
		memcpy(name, s, a);
		name[a] = '\0';
		{
			/* listed once */
			const char *q = out;
			int seen = 0;

			while (*q) {
				size_t m = strcspn(q, ",");

				if (m == a && !strncmp(q, name, a))
					seen = 1;
				q += m + (q[m] == ',');
			}
			if (seen || used + a + 2 > size)
				continue;
		}
		if (used)
			out[used++] = ',';
		memcpy(out + used, name, a + 1);
		used += a;
	}
}
