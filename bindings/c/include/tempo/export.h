/* TEMPO_API marks what a Tempo shared object exports: the C API of libtempo_c.so and
 * luaopen_tempo of the Lua module. Everything else is compiled with hidden visibility (and the
 * linker's version scripts keep the C++ runtime's and fmt's template instances local too), so a
 * host that loads both a shared object and the static C++ library gets no symbol clashes, and
 * calls inside a shared object go straight to their target instead of through the PLT. */
#ifndef TEMPO_EXPORT_H
#define TEMPO_EXPORT_H

#if defined(__GNUC__) || defined(__clang__)
#define TEMPO_API __attribute__((visibility("default")))
#else
#define TEMPO_API
#endif

#endif /* TEMPO_EXPORT_H */
