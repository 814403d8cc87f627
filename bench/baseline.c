// The C baselines for `huashu bench`: the same normalized workload (written by
// `huashu bench --export DIR`) matched by a plain loop over PCRE2-JIT patterns and keyword
// searches, and, when built with -DHAVE_HYPERSCAN, by one Hyperscan database.
//
// Usage: baseline DIR LABEL [NAIVE_MESSAGES]
//   reads DIR/rules-LABEL.tsv (K<tab>keyword, R<tab>pattern) and DIR/messages.txt and prints one
//   line per engine: messages per second and matches per message. Matching only: the messages
//   are normalized already, as huashu's own figures include normalization.

#define PCRE2_CODE_UNIT_WIDTH 8
#define _GNU_SOURCE
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifdef HAVE_HYPERSCAN
#include <hs/hs.h>
#endif

typedef struct {
  char **items;
  size_t *lengths;
  size_t count;
} Lines;

static void append(Lines *lines, const char *text, size_t length) {
  lines->items = realloc(lines->items, (lines->count + 1) * sizeof(char *));
  lines->lengths = realloc(lines->lengths, (lines->count + 1) * sizeof(size_t));
  lines->items[lines->count] = strndup(text, length);
  lines->lengths[lines->count] = length;
  lines->count++;
}

static char *read_file(const char *path, size_t *size) {
  FILE *file = fopen(path, "rb");
  if (!file) {
    fprintf(stderr, "baseline: cannot read %s\n", path);
    exit(2);
  }
  fseek(file, 0, SEEK_END);
  *size = (size_t)ftell(file);
  fseek(file, 0, SEEK_SET);
  char *data = malloc(*size + 1);
  if (fread(data, 1, *size, file) != *size) {
    fprintf(stderr, "baseline: short read of %s\n", path);
    exit(2);
  }
  data[*size] = 0;
  fclose(file);
  return data;
}

static double now(void) {
  struct timespec time;
  clock_gettime(CLOCK_MONOTONIC, &time);
  return (double)time.tv_sec + (double)time.tv_nsec / 1e9;
}

static const uint32_t pattern_options = PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS;

#ifdef HAVE_HYPERSCAN
static int on_match(unsigned int id, unsigned long long from, unsigned long long to,
                    unsigned int flags, void *context) {
  (void)id, (void)from, (void)to, (void)flags;
  (*(size_t *)context)++;
  return 0;
}

/// A keyword as a Hyperscan pattern: regex syntax characters escaped.
static char *escaped(const char *text) {
  char *out = malloc(strlen(text) * 2 + 1), *cursor = out;
  for (const char *c = text; *c; c++) {
    if (strchr("\\^$.|?*+()[]{}/-", *c)) *cursor++ = '\\';
    *cursor++ = *c;
  }
  *cursor = 0;
  return out;
}
#endif

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: baseline DIR LABEL [NAIVE_MESSAGES]\n");
    return 64;
  }
  size_t naive_limit = argc > 3 ? (size_t)atol(argv[3]) : 2000;
  char path[4096];
  size_t size;

  snprintf(path, sizeof path, "%s/rules-%s.tsv", argv[1], argv[2]);
  char *rules_text = read_file(path, &size);
  Lines keywords = {0}, patterns = {0};
  for (char *line = strtok(rules_text, "\n"); line; line = strtok(NULL, "\n")) {
    if (line[0] == 'K' && line[1] == '\t') append(&keywords, line + 2, strlen(line + 2));
    if (line[0] == 'R' && line[1] == '\t') append(&patterns, line + 2, strlen(line + 2));
  }
  snprintf(path, sizeof path, "%s/messages.txt", argv[1]);
  char *messages_text = read_file(path, &size);
  Lines messages = {0};
  for (char *start = messages_text, *end; *start; start = end + 1) {
    end = strchr(start, '\n');
    if (!end) break;
    append(&messages, start, (size_t)(end - start));
  }

  // PCRE2: every keyword searched, every pattern run, on every message.
  pcre2_code **codes = calloc(patterns.count, sizeof *codes);
  for (size_t i = 0; i < patterns.count; i++) {
    int error;
    PCRE2_SIZE offset;
    codes[i] = pcre2_compile((PCRE2_SPTR)patterns.items[i], PCRE2_ZERO_TERMINATED,
                             pattern_options, &error, &offset, NULL);
    if (!codes[i]) {
      fprintf(stderr, "baseline: pattern %zu does not compile\n", i);
      return 2;
    }
    pcre2_jit_compile(codes[i], PCRE2_JIT_COMPLETE);
  }
  pcre2_match_data *data = pcre2_match_data_create(1, NULL);
  size_t naive_count = messages.count < naive_limit ? messages.count : naive_limit;
  size_t matches = 0;
  double start = now();
  for (size_t m = 0; m < naive_count; m++) {
    const char *text = messages.items[m];
    size_t length = messages.lengths[m];
    for (size_t k = 0; k < keywords.count; k++) {
      if (memmem(text, length, keywords.items[k], keywords.lengths[k])) matches++;
    }
    for (size_t p = 0; p < patterns.count; p++) {
      if (pcre2_jit_match(codes[p], (PCRE2_SPTR)text, length, 0, PCRE2_NO_UTF_CHECK, data,
                          NULL) >= 0)
        matches++;
    }
  }
  double elapsed = now() - start;
  printf("%s\tpcre2-loop\t%.0f msg/s\t%.2f matches/msg\t%zu keywords, %zu patterns\n", argv[2],
         (double)naive_count / elapsed, (double)matches / (double)naive_count, keywords.count,
         patterns.count);

#ifdef HAVE_HYPERSCAN
  // Hyperscan: keywords and the patterns it accepts in one database; the rest through PCRE2.
  size_t total = keywords.count + patterns.count;
  const char **expressions = calloc(total, sizeof *expressions);
  unsigned int *flags = calloc(total, sizeof *flags), *ids = calloc(total, sizeof *ids);
  char *fallback = calloc(patterns.count, 1);
  size_t accepted = 0, fallbacks = 0;
  const unsigned int hs_flags = HS_FLAG_UTF8 | HS_FLAG_UCP | HS_FLAG_CASELESS |
                                HS_FLAG_SINGLEMATCH | HS_FLAG_ALLOWEMPTY;
  for (size_t k = 0; k < keywords.count; k++) {
    expressions[accepted] = escaped(keywords.items[k]);
    flags[accepted] = hs_flags;
    ids[accepted] = (unsigned int)accepted;
    accepted++;
  }
  for (size_t p = 0; p < patterns.count; p++) {
    hs_database_t *single = NULL;
    hs_compile_error_t *error = NULL;
    if (hs_compile(patterns.items[p], hs_flags, HS_MODE_BLOCK, NULL, &single, &error) ==
        HS_SUCCESS) {
      hs_free_database(single);
      expressions[accepted] = patterns.items[p];
      flags[accepted] = hs_flags;
      ids[accepted] = (unsigned int)accepted;
      accepted++;
    } else {
      hs_free_compile_error(error);
      fallback[p] = 1;
      fallbacks++;
    }
  }
  hs_database_t *database = NULL;
  hs_compile_error_t *error = NULL;
  double compile_start = now();
  if (hs_compile_multi(expressions, flags, ids, (unsigned int)accepted, HS_MODE_BLOCK, NULL,
                       &database, &error) != HS_SUCCESS) {
    fprintf(stderr, "baseline: hyperscan: %s\n", error->message);
    return 2;
  }
  double compile_seconds = now() - compile_start;
  hs_scratch_t *scratch = NULL;
  hs_alloc_scratch(database, &scratch);
  matches = 0;
  start = now();
  for (size_t m = 0; m < messages.count; m++) {
    hs_scan(database, messages.items[m], (unsigned int)messages.lengths[m], 0, scratch, on_match,
            &matches);
    for (size_t p = 0; p < patterns.count; p++) {
      if (fallback[p] && pcre2_jit_match(codes[p], (PCRE2_SPTR)messages.items[m],
                                         messages.lengths[m], 0, PCRE2_NO_UTF_CHECK, data,
                                         NULL) >= 0)
        matches++;
    }
  }
  elapsed = now() - start;
  printf("%s\thyperscan\t%.0f msg/s\t%.2f matches/msg\t%zu patterns via PCRE2 (lookarounds); "
         "compile %.2f s\n",
         argv[2], (double)messages.count / elapsed, (double)matches / (double)messages.count,
         fallbacks, compile_seconds);
#endif
  return 0;
}
