# Finds stance's dependencies from Debian's -dev packages.  Each failure
# names the package to install, since that is the fix on every machine we
# support.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

function(stance_missing what debian_package)
  message(FATAL_ERROR
    "${what} not found: install the Debian package ${debian_package} "
    "(apt-get install ${debian_package})")
endfunction()

function(stance_pkg target module debian_package)
  pkg_check_modules(${target} QUIET IMPORTED_TARGET GLOBAL ${module})
  if(NOT ${target}_FOUND)
    stance_missing("${module}" "${debian_package}")
  endif()
  add_library(stance::${target} ALIAS PkgConfig::${target})
endfunction()

stance_pkg(utf8proc libutf8proc libutf8proc-dev)
stance_pkg(xxhash libxxhash libxxhash-dev)
stance_pkg(jansson jansson libjansson-dev)
stance_pkg(openblas openblas libopenblas-dev)

# libsvm ships no pkg-config file.
find_path(LIBSVM_INCLUDE_DIR svm.h PATH_SUFFIXES libsvm)
find_library(LIBSVM_LIBRARY NAMES svm)
if(NOT LIBSVM_INCLUDE_DIR OR NOT LIBSVM_LIBRARY)
  stance_missing("libsvm" "libsvm-dev")
endif()
add_library(stance::libsvm UNKNOWN IMPORTED GLOBAL)
set_target_properties(stance::libsvm PROPERTIES
  IMPORTED_LOCATION "${LIBSVM_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${LIBSVM_INCLUDE_DIR}")

# Nor does LIBLINEAR.
find_path(LIBLINEAR_INCLUDE_DIR linear.h PATH_SUFFIXES liblinear)
find_library(LIBLINEAR_LIBRARY NAMES linear)
if(NOT LIBLINEAR_INCLUDE_DIR OR NOT LIBLINEAR_LIBRARY)
  stance_missing("LIBLINEAR" "liblinear-dev")
endif()
add_library(stance::liblinear UNKNOWN IMPORTED GLOBAL)
set_target_properties(stance::liblinear PROPERTIES
  IMPORTED_LOCATION "${LIBLINEAR_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${LIBLINEAR_INCLUDE_DIR}")

if(STANCE_TESTS)
  stance_pkg(cmocka cmocka libcmocka-dev)
endif()

find_library(MATH_LIBRARY m)
