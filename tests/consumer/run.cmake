# Installs the built project into a scratch prefix, builds tests/consumer against it with
# find_package, and runs the program. Invoked by CTest (see tests/CMakeLists.txt).
foreach(var BUILD_DIR SOURCE_DIR WORK_DIR GENERATOR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run.cmake needs -D${var}=...")
  endif()
endforeach()

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

function(run)
  execute_process(COMMAND ${ARGV} RESULT_VARIABLE result)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "failed (${result}): ${ARGV}")
  endif()
endfunction()

run(${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${WORK_DIR}/prefix")
run(${CMAKE_COMMAND} -S "${SOURCE_DIR}/tests/consumer" -B "${WORK_DIR}/build" -G "${GENERATOR}"
    "-DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix" -Wno-dev)
run(${CMAKE_COMMAND} --build "${WORK_DIR}/build")
run("${WORK_DIR}/build/consumer" "${WORK_DIR}")

# The installed command works from the prefix on its own: it logs, lists and checks a diary.
set(legdiary "${WORK_DIR}/prefix/bin/legdiary")
set(ENV{LEGDIARY_NOW} "2026-11-21T07:30:00+01:00")
set(ENV{TZ} "Europe/Berlin")
run("${legdiary}" --version)
run("${legdiary}" --db "${WORK_DIR}/cli.db" log cramp --at 02:41 --leg left --duration 90s)
execute_process(COMMAND "${legdiary}" --db "${WORK_DIR}/cli.db" list --json
                OUTPUT_VARIABLE listed RESULT_VARIABLE result)
if(NOT result EQUAL 0 OR NOT listed MATCHES "2026-11-21T02:41:00\\+01:00")
  message(FATAL_ERROR "the installed legdiary did not list its cramp (${result}): ${listed}")
endif()
run("${legdiary}" --db "${WORK_DIR}/cli.db" check)
