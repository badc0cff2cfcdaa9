/*
 * model_name.h: the one rule that names a model (private to schema/; the
 * door stays store.h).  store.c sets the name of every row it writes with
 * it, models.c rewrites the names of stored rows with it after an alias
 * changes: the same SQL both times, so that a row's name never depends on
 * when it was written.
 */
#ifndef HALODB_MODEL_NAME_H
#define HALODB_MODEL_NAME_H

/*
 * The name of a model (schema 6), as an SQL expression over label and
 * file (expressions: a column, a parameter, NULL): the alias of the first
 * file pattern its model file matches, else the alias of its label, else
 * the label.  A file names one model, a label (the arch + size label of
 * llama-bench) often several; the oldest pattern wins among patterns.
 * label and file must not name a column of model_alias (id, kind,
 * pattern, name).  The patterns are read in id order, not through the
 * (kind, pattern) index, which would sort them in a temporary b-tree for
 * every row written (a malloc and free of a page cache each time).
 */
#define NAME_OF(label, file) \
	"coalesce((SELECT a.name FROM model_alias a NOT INDEXED " \
	"WHERE a.kind = 'file' " \
	"AND " file " GLOB a.pattern ORDER BY a.id LIMIT 1), " \
	"(SELECT a.name FROM model_alias a WHERE a.kind = 'label' " \
	"AND a.pattern = " label "), " label ")"

#endif
