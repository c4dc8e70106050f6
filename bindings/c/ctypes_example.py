"""Tempo from Python through ctypes and the C API (libtempo_c.so): no build step, no wrapper.

    TEMPO_C=build/release/libtempo_c.so python3 bindings/c/ctypes_example.py
"""
import ctypes
import os

tempo = ctypes.CDLL(os.environ.get("TEMPO_C", "libtempo_c.so"))
tempo.tempo_compile.restype = ctypes.c_void_p
tempo.tempo_compile.argtypes = [ctypes.c_char_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p)]
tempo.tempo_options_new.restype = ctypes.c_void_p
tempo.tempo_options_set_total.argtypes = [ctypes.c_void_p, ctypes.c_double]
tempo.tempo_options_free.argtypes = [ctypes.c_void_p]
tempo.tempo_eval.restype = ctypes.c_double
tempo.tempo_eval.argtypes = [ctypes.c_void_p, ctypes.c_double]
tempo.tempo_error_text.restype = ctypes.c_char_p
tempo.tempo_error_text.argtypes = [ctypes.c_void_p]
tempo.tempo_error_free.argtypes = [ctypes.c_void_p]
tempo.tempo_schedule_free.argtypes = [ctypes.c_void_p]


def compile_schedule(source, total=None):
    options = tempo.tempo_options_new()
    if total is not None:
        tempo.tempo_options_set_total(options, total)
    error = ctypes.c_void_p()
    schedule = tempo.tempo_compile(source.encode(), options, ctypes.byref(error))
    tempo.tempo_options_free(options)
    if not schedule:
        message = tempo.tempo_error_text(error).decode()
        tempo.tempo_error_free(error)
        raise ValueError(message)
    return schedule


lr = compile_schedule("warmup(2000) >> stable(0.9) >> cosine(min=0.1)", total=100_000)
print([tempo.tempo_eval(lr, step) for step in (0, 1000, 96000, 100000)])
tempo.tempo_schedule_free(lr)

try:
    compile_schedule("warmup(2000) >> cosin()")
except ValueError as error:
    print(str(error).splitlines()[0])
