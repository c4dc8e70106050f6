# Finds what bindings/python needs and sets TEMPO_PYTHON_FOUND (the default of TEMPO_BUILD_PYTHON).
#
# The interpreter is Debian's, where python3-numpy and python3-torch are installed: a pyenv or
# conda python3 earlier in PATH would get a module its own packages cannot go with. A venv (pip
# passes its interpreter) or -DPython3_EXECUTABLE=... chooses another.
if(NOT DEFINED Python3_EXECUTABLE AND EXISTS /usr/bin/python3)
  set(Python3_EXECUTABLE /usr/bin/python3)
endif()
find_package(Python3 3.9 COMPONENTS Interpreter Development.Module QUIET)
find_package(pybind11 2.6 CONFIG QUIET)
if(Python3_FOUND AND pybind11_FOUND)
  set(TEMPO_PYTHON_FOUND ON)
else()
  set(TEMPO_PYTHON_FOUND OFF)
  message(STATUS "tempo: no Python bindings (they need pybind11-dev and python3-dev)")
endif()
