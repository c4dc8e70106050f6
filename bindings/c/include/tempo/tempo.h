/* The C API of Tempo: compile a schedule from source, evaluate it, read its errors.
 *
 * Ownership: every tempo_*_new / tempo_compile* result is owned by the caller and released with
 * the matching tempo_*_free. Strings returned by the API (sources, names, messages) belong to
 * the object they came from and live as long as it does. No C++ exception crosses this
 * boundary; errors are values (tempo_error). A tempo_schedule is immutable: evaluating one
 * schedule from several threads at once is safe.
 */
#ifndef TEMPO_TEMPO_H
#define TEMPO_TEMPO_H

#include <stddef.h>

#include "tempo/export.h"
#include "tempo/version.h"

#ifdef __cplusplus
extern "C" {
#endif

/* "MAJOR.MINOR.PATCH" of the linked library; TEMPO_VERSION_STRING is the headers' version. */
TEMPO_API const char* tempo_version(void);

typedef struct tempo_options tempo_options;
typedef struct tempo_schedule tempo_schedule;
typedef struct tempo_error tempo_error;

/* Compile options (LANGUAGE.md §1, §7). A value of NaN or a NULL string means "not given". */
TEMPO_API tempo_options* tempo_options_new(void);
TEMPO_API void tempo_options_free(tempo_options* options);
TEMPO_API void tempo_options_set_total(tempo_options* options, double total);
TEMPO_API void tempo_options_set_steps_per_epoch(tempo_options* options, double steps);
TEMPO_API void tempo_options_set_tokens_per_step(tempo_options* options, double tokens);
/* The binding to compile (NULL or "": the source's default schedule). */
TEMPO_API void tempo_options_set_name(tempo_options* options, const char* name);
/* `--set key=value`: value is Tempo source. Can be called several times. A key that is not a
 * name ([A-Za-z_][A-Za-z0-9_]*, e.g. "") makes every later compile with these options fail. */
TEMPO_API void tempo_options_set(tempo_options* options, const char* key, const char* value);

/* Compiles `source` (or the file at `path`). On success returns a schedule and sets *error to
 * NULL; on failure returns NULL and sets *error (free it with tempo_error_free). `options` and
 * `error` may be NULL. */
TEMPO_API tempo_schedule* tempo_compile(const char* source, const tempo_options* options,
                                        tempo_error** error);
TEMPO_API tempo_schedule* tempo_compile_file(const char* path, const tempo_options* options,
                                             tempo_error** error);
/* A second handle on the same compiled schedule (cheap: the tree is shared). */
TEMPO_API tempo_schedule* tempo_schedule_copy(const tempo_schedule* schedule);
TEMPO_API void tempo_schedule_free(tempo_schedule* schedule);

/* The value at `step` (steps before 0 take the value at 0; NaN gives NaN). */
TEMPO_API double tempo_eval(const tempo_schedule* schedule, double step);
/* out[i] = the value at first_step + i * stride, for i < count. */
TEMPO_API void tempo_fill(const tempo_schedule* schedule, double first_step, double stride,
                          double* out, size_t count);
/* The canonical source of the schedule. */
TEMPO_API const char* tempo_schedule_source(const tempo_schedule* schedule);

/* The resolved phase table (`tempo explain`). end is +infinity for a phase that runs forever. */
typedef struct tempo_phase {
  const char* name;
  double start, end, start_value, end_value;
} tempo_phase;
TEMPO_API size_t tempo_phase_count(const tempo_schedule* schedule);
/* Returns 0 and fills *phase, or -1 when index is out of range. */
TEMPO_API int tempo_phase_at(const tempo_schedule* schedule, size_t index, tempo_phase* phase);

/* Errors: every diagnostic, and all of them rendered as the CLI prints them. */
typedef struct tempo_diagnostic {
  const char* file;
  unsigned line, column; /* 1-based; 0 when the error concerns the whole source */
  const char* message;
  const char* hint; /* "" when there is none */
} tempo_diagnostic;
TEMPO_API const char* tempo_error_text(const tempo_error* error);
TEMPO_API size_t tempo_error_count(const tempo_error* error);
TEMPO_API int tempo_error_diagnostic(const tempo_error* error, size_t index,
                                     tempo_diagnostic* diagnostic);
TEMPO_API void tempo_error_free(tempo_error* error);

/* Observations (LANGUAGE.md §10.9): the record of metric values the host reports, which
 * `plateau` phases decide over. Save its text with the checkpoint and parse it back to resume.
 * A record is a plain value: do not add to it while another thread reads it. */
typedef struct tempo_observations tempo_observations;
TEMPO_API tempo_observations* tempo_observations_new(void);
TEMPO_API void tempo_observations_free(tempo_observations* record);
/* Records `value` of `metric` reported at `step` (it decides the values at steps > step).
 * Returns 0, or -1 and sets *error (may be NULL) for a step that is not finite or a metric name
 * that is not an identifier. */
TEMPO_API int tempo_observations_add(tempo_observations* record, double step, const char* metric,
                                     double value, tempo_error** error);
TEMPO_API size_t tempo_observations_count(const tempo_observations* record);
/* The text form: a `step,name,value` header and one line per observation, numbers in shortest
 * round-trip form. Belongs to the record; valid until it is changed or freed. */
TEMPO_API const char* tempo_observations_text(tempo_observations* record);
/* Reads the text form; NULL and *error (file:line:col diagnostics) when a line is bad. */
TEMPO_API tempo_observations* tempo_observations_parse(const char* text, tempo_error** error);
/* The schedule decided over the record: a new schedule (free it), which evaluates as any
 * other. Bind again after the record changed. NULL and *error only when out of memory. */
TEMPO_API tempo_schedule* tempo_schedule_bind(const tempo_schedule* schedule,
                                              const tempo_observations* record,
                                              tempo_error** error);
/* Plans that change (docs/lifecycle.md). */

/* The schedule's fingerprint: 16 lowercase hex digits and a NUL, written into `out`. */
#define TEMPO_FINGERPRINT_SIZE 17
TEMPO_API void tempo_fingerprint(const tempo_schedule* schedule, char out[TEMPO_FINGERPRINT_SIZE]);

/* Does new_plan equal old_plan bit for bit at every integer step before `until`? If not, `step`
 * is the first step where they differ and old_value, new_value their values there (else NaN). */
typedef struct tempo_continuation {
  int continues;
  double step, old_value, new_value;
  double compared, proven; /* steps evaluated in both; steps shown equal by structure */
} tempo_continuation;
TEMPO_API tempo_continuation tempo_continues(const tempo_schedule* old_plan,
                                             const tempo_schedule* new_plan, double until);

/* take(at, trunk) >> then, and take(at, trunk) >> decay(over, shape=shape) (shape NULL: linear),
 * proven to continue the trunk before `at`; NULL and *error otherwise. */
TEMPO_API tempo_schedule* tempo_branch(const tempo_schedule* trunk, double at, const char* then,
                                       tempo_error** error);
TEMPO_API tempo_schedule* tempo_cool_down(const tempo_schedule* trunk, double at, double over,
                                          const char* shape, tempo_error** error);

/* Checkpoint records: step, fingerprint, canonical source, context and observations, as JSON. */
typedef struct tempo_checkpoint tempo_checkpoint;
TEMPO_API tempo_checkpoint* tempo_checkpoint_new(const tempo_schedule* schedule, double step);
TEMPO_API tempo_checkpoint* tempo_checkpoint_read(const char* json, tempo_error** error);
TEMPO_API void tempo_checkpoint_free(tempo_checkpoint* checkpoint);
/* A metric value reported for `plateau`; returns 0, or -1 on a NULL argument. */
TEMPO_API int tempo_checkpoint_observe(tempo_checkpoint* checkpoint, double step, const char* name,
                                       double value);
TEMPO_API const char* tempo_checkpoint_json(const tempo_checkpoint* checkpoint);
TEMPO_API double tempo_checkpoint_step(const tempo_checkpoint* checkpoint);
TEMPO_API const char* tempo_checkpoint_fingerprint(const tempo_checkpoint* checkpoint);
TEMPO_API const char* tempo_checkpoint_source(const tempo_checkpoint* checkpoint);
/* Resumes from the checkpoint with `current` under `policy` ("error", "adopt" or "keep"; NULL:
 * "error"). Returns the schedule to continue with, or NULL and *error (under "error" when the
 * plan changed: what differs, the first differing step and the jump). After a change adopted or
 * kept, tempo_checkpoint_report gives the report for the run's log ("" when nothing changed). */
TEMPO_API tempo_schedule* tempo_resume(tempo_checkpoint* checkpoint, const tempo_schedule* current,
                                       const char* policy, const tempo_options* options,
                                       tempo_error** error);
TEMPO_API const char* tempo_checkpoint_report(const tempo_checkpoint* checkpoint);

#ifdef __cplusplus
}
#endif

#endif /* TEMPO_TEMPO_H */
