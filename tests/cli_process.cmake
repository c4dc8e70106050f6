# Runs the real `tempo` executable and checks its exit status and output: the process-level
# side of the CLI contract (stdout/stderr separation, exit codes 0/1/2).
#   cmake -DTEMPO=<path> -DARGS=<|-joined words> -DSTATUS=<n> [-DSTDOUT=<text>] [-DSTDERR_PREFIX=<text>] -P cli_process.cmake
string(REPLACE "|" ";" ARGS "${ARGS}")
execute_process(COMMAND ${TEMPO} ${ARGS} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL STATUS)
  message(FATAL_ERROR "exit status ${status}, expected ${STATUS}\nstdout: ${out}\nstderr: ${err}")
endif()
if(DEFINED STDOUT AND NOT out STREQUAL STDOUT)
  message(FATAL_ERROR "stdout was:\n${out}\nexpected:\n${STDOUT}")
endif()
if(DEFINED STDERR_PREFIX)
  string(FIND "${err}" "${STDERR_PREFIX}" at)
  if(NOT at EQUAL 0)
    message(FATAL_ERROR "stderr was:\n${err}\nexpected it to start with:\n${STDERR_PREFIX}")
  endif()
endif()
