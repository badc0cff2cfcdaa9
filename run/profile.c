/*
 * profile.c: the runner's profiles, small line-based files that say how
 * one kind of machine is benchmarked (data/profiles/NAME.profile, built into
 * the binary, or any file given by path).  A line is 'key = value'; '#'
 * starts a comment; blank lines are ignored.  Every key is known (a typo
 * is an error, not a silently skipped check); the keys are documented in
 * data/profiles/README.md.  Pure: text in, struct out.
 */
#include "run.h"
#include "../util.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

struct hdb_embedded {
	const char *name;
	const char *text;
};
extern const struct hdb_embedded hdb_profile_files[];

const char *const hdb_profile_names[] = { "strix-halo", "a30", "generic",
					  NULL };

enum kind { K_STR, K_INT, K_NUM, K_KV, K_FA, K_GPU, K_BOOL, K_LIST };

struct key {
	const char *name;
	enum kind kind;
	size_t off;		/* of the field in struct hdb_profile */
	const char *expect;	/* what a bad value is told it should be */
};

#define F(f) offsetof(struct hdb_profile, f)
static const struct key keys[] = {
	{ "name", K_STR, F(name), "a name" },
	{ "backend", K_STR, F(backend), "a llama.cpp backend such as "
	  "Vulkan, CUDA, ROCm or CPU" },
	{ "kv", K_KV, F(kv_k), "a KV cache type such as q8_0, or K/V types "
	  "such as q8_0/q4_0" },
	{ "fa", K_FA, F(fa), "0 or 1" },
	{ "ngl", K_INT, F(ngl), "a number of GPU layers" },
	{ "ubatch", K_INT, F(ubatch), "a micro-batch size" },
	{ "reps", K_INT, F(reps), "a number of repetitions (1 or more)" },
	{ "depths", K_LIST, F(depths), "depths such as 0,8192,32768" },
	{ "tests", K_LIST, F(tests), "tests such as pp512,tg128" },
	{ "test_timeout", K_INT, F(test_timeout), "seconds" },
	{ "gpu", K_GPU, F(gpu), "auto, none, nvidia or amdgpu" },
	{ "unified", K_BOOL, F(unified), "yes or no" },
	{ "margin_mib", K_INT, F(margin_mib), "MiB" },
	{ "ec_fan_min_rpm", K_INT, F(ec_fan_min_rpm), "rpm" },
	{ "ec_fan_mode", K_STR, F(ec_fan_mode), "auto, fixed or curve" },
	{ "ec_fan_level", K_INT, F(ec_fan_level), "a level from 0 to 5" },
	{ "power_modes", K_LIST, F(power_modes), "modes such as "
	  "balanced,performance" },
	{ "hwmon_fan_min_rpm", K_INT, F(hwmon_fan_min_rpm), "rpm" },
	{ "temp_max_c", K_INT, F(temp_max_c), "degrees Celsius" },
	{ "temp_sensors", K_LIST, F(temp_sensors), "hwmon chip names such "
	  "as k10temp,amdgpu" },
	{ "cooldown_s", K_INT, F(cooldown_s), "seconds" },
	{ "est_pp_gib", K_NUM, F(est_pp_gib), "prompt tokens/s times model "
	  "GiB" },
	{ "est_tg_gib", K_NUM, F(est_tg_gib), "generated tokens/s times "
	  "model GiB" },
	{ "est_load_gib_s", K_NUM, F(est_load_gib_s), "GiB/s" },
};
#undef F

static void defaults(struct hdb_profile *p)
{
	memset(p, 0, sizeof(*p));
	p->fa = p->ngl = p->ubatch = -1;
	p->reps = 6;
	p->test_timeout = 3600;
	p->gpu = HDB_GPU_AUTO;
	p->margin_mib = 2048;
	p->ec_fan_min_rpm = p->ec_fan_level = -1;
	p->hwmon_fan_min_rpm = -1;
	p->temp_max_c = -1;
	p->cooldown_s = 60;
	p->est_pp_gib = 1000;
	p->est_tg_gib = 50;
	p->est_load_gib_s = 1;
}

/* Is type a KV cache type llama.cpp knows? */
static int kv_type_ok(const char *t)
{
	return hdb_kv_type_bytes(t) > 0;
}

/* A comma-separated list: no blanks, no empty item. */
static int list_ok(const char *v)
{
	return *v && v[strcspn(v, " \t")] == '\0' && *v != ',' &&
	       v[strlen(v) - 1] != ',' && !strstr(v, ",,");
}

/* Sets one key from value; 0, or -1 (bad value: the caller says so). */
static int set_key(struct hdb_profile *p, const struct key *k,
		   const char *value)
{
	char *field = (char *)p + k->off, *end;
	long n;
	double d;

	switch (k->kind) {
	case K_STR:
	case K_LIST:
		if (k->kind == K_LIST && !list_ok(value))
			return -1;
		free(*(char **)field);
		*(char **)field = xstrdup(value);
		return 0;
	case K_INT:
		errno = 0;
		n = strtol(value, &end, 10);
		if (!isdigit((unsigned char)*value) || *end || errno ||
		    n > INT_MAX)
			return -1;
		if (k->off == offsetof(struct hdb_profile, test_timeout))
			p->test_timeout = n;
		else if (k->off == offsetof(struct hdb_profile, margin_mib))
			p->margin_mib = n;
		else
			*(int *)field = (int)n;
		if (k->off == offsetof(struct hdb_profile, reps) && n < 1)
			return -1;
		if (k->off == offsetof(struct hdb_profile, ec_fan_level) &&
		    n > 5)
			return -1;
		return 0;
	case K_NUM:
		errno = 0;
		d = strtod(value, &end);
		if (!isdigit((unsigned char)*value) || *end || errno ||
		    !(d > 0))
			return -1;
		*(double *)field = d;
		return 0;
	case K_KV: {
		size_t i = strcspn(value, "/");
		char *kk = xstrndup(value, i);
		const char *vv = value[i] ? value + i + 1 : value;
		int ok = kv_type_ok(kk) && kv_type_ok(vv);

		if (!ok) {
			free(kk);
			return -1;
		}
		free(p->kv_k);
		free(p->kv_v);
		p->kv_k = kk;
		p->kv_v = xstrdup(vv);
		return 0;
	}
	case K_FA:
		if (!strcmp(value, "1") || !strcmp(value, "on"))
			p->fa = 1;
		else if (!strcmp(value, "0") || !strcmp(value, "off"))
			p->fa = 0;
		else
			return -1;
		return 0;
	case K_GPU:
		if (!strcmp(value, "auto"))
			p->gpu = HDB_GPU_AUTO;
		else if (!strcmp(value, "none"))
			p->gpu = HDB_GPU_NONE;
		else if (!strcmp(value, "nvidia"))
			p->gpu = HDB_GPU_NVIDIA;
		else if (!strcmp(value, "amdgpu"))
			p->gpu = HDB_GPU_AMDGPU;
		else
			return -1;
		return 0;
	case K_BOOL:
		if (!strcmp(value, "yes"))
			p->unified = 1;
		else if (!strcmp(value, "no"))
			p->unified = 0;
		else
			return -1;
		return 0;
	}
	return -1;
}

static void add_setting(struct hdb_profile *p, const char *key,
			const char *value)
{
	p->settings = xrealloc(p->settings, (p->n_settings + 1) *
			       sizeof(*p->settings));
	p->settings[p->n_settings].key = xstrdup(key);
	p->settings[p->n_settings].value = xstrdup(value);
	p->n_settings++;
}

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

int hdb_profile_parse(const char *text, const char *file,
		      struct hdb_profile *p)
{
	const char *line = text;
	long lineno = 0;
	size_t i;

	defaults(p);
	while (*line) {
		size_t len = strcspn(line, "\n");
		char *buf = xstrndup(line, len), *s = buf, *eq, *kend, *v, *e;
		const struct key *k = NULL;

		lineno++;
		line += len + (line[len] == '\n');
		/* a '#' at the start or after a blank starts a comment */
		for (e = buf; *e; e++)
			if (*e == '#' && (e == buf || is_space(e[-1]))) {
				*e = '\0';
				break;
			}
		while (is_space(*s))
			s++;
		e = s + strlen(s);
		while (e > s && is_space(e[-1]))
			*--e = '\0';
		if (!*s) {
			free(buf);
			continue;
		}
		eq = strchr(s, '=');
		if (!eq) {
			hdb_error("%s:%ld:%ld: expected 'key = value'", file,
				  lineno, (long)(s - buf) + 1);
			free(buf);
			goto fail;
		}
		for (kend = eq; kend > s && is_space(kend[-1]); kend--)
			;
		*kend = '\0';
		for (v = eq + 1; is_space(*v); v++)
			;
		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			if (!strcmp(keys[i].name, s))
				k = &keys[i];
		if (!k) {
			hdb_error("%s:%ld:%ld: unknown key '%s' (see "
				  "data/profiles/README.md)", file, lineno,
				  (long)(s - buf) + 1, s);
			free(buf);
			goto fail;
		}
		for (i = 0; i < p->n_settings; i++)
			if (!strcmp(p->settings[i].key, s))
				break;
		if (i < p->n_settings) {
			hdb_error("%s:%ld:%ld: '%s' is set twice", file,
				  lineno, (long)(s - buf) + 1, s);
			free(buf);
			goto fail;
		}
		if (!*v || !hdb_utf8_valid(v) || set_key(p, k, v)) {
			hdb_error("%s:%ld:%ld: %s: expected %s, got '%s'",
				  file, lineno, (long)(v - buf) + 1, s,
				  k->expect, v);
			free(buf);
			goto fail;
		}
		add_setting(p, s, v);
		free(buf);
	}
	if (!p->name) {
		/* the file's name, less its directory and '.profile' */
		const char *b = strrchr(file, '/');
		size_t n;

		b = b ? b + 1 : file;
		n = strlen(b);
		if (n > 8 && !strcmp(b + n - 8, ".profile"))
			n -= 8;
		p->name = xstrndup(b, n);
	}
	p->file = xstrdup(file);
	return 0;
fail:
	hdb_profile_release(p);
	return -1;
}

int hdb_profile_load(const char *name, struct hdb_profile *p)
{
	size_t n = strlen(name);
	const struct hdb_embedded *e;
	char *text, *file;
	int rc;

	if (strchr(name, '/') || (n > 8 && !strcmp(name + n - 8, ".profile"))) {
		if (read_file(name, &text, NULL))
			return -1;
		rc = hdb_profile_parse(text, name, p);
		free(text);
		return rc;
	}
	for (e = hdb_profile_files; e->name; e++) {
		size_t k = strlen(e->name);

		if (k == n + 8 && !strncmp(e->name, name, n) &&
		    !strcmp(e->name + n, ".profile")) {
			file = xasprintf("data/profiles/%s", e->name);
			rc = hdb_profile_parse(e->text, file, p);
			free(file);
			return rc;
		}
	}
	return hdb_error("no profile '%s': expected strix-halo, a30, generic "
			 "or the path of a .profile file", name);
}

void hdb_profile_release(struct hdb_profile *p)
{
	size_t i;

	if (!p)
		return;
	free(p->name);
	free(p->file);
	free(p->backend);
	free(p->kv_k);
	free(p->kv_v);
	free(p->depths);
	free(p->tests);
	free(p->ec_fan_mode);
	free(p->power_modes);
	free(p->temp_sensors);
	for (i = 0; i < p->n_settings; i++) {
		free(p->settings[i].key);
		free(p->settings[i].value);
	}
	free(p->settings);
	memset(p, 0, sizeof(*p));
}
