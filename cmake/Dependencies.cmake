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

# A library that ships no pkg-config file (libsvm, LIBLINEAR): its header,
# found also under a directory of the library's name, and its library file.
function(stance_plain_library target header library debian_package)
  find_path(${target}_INCLUDE_DIR ${header} PATH_SUFFIXES ${target})
  find_library(${target}_LIBRARY NAMES ${library})
  if(NOT ${target}_INCLUDE_DIR OR NOT ${target}_LIBRARY)
    stance_missing("${target}" "${debian_package}")
  endif()
  add_library(stance::${target} UNKNOWN IMPORTED GLOBAL)
  set_target_properties(stance::${target} PROPERTIES
    IMPORTED_LOCATION "${${target}_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${${target}_INCLUDE_DIR}")
endfunction()

stance_plain_library(libsvm svm.h svm libsvm-dev)
stance_plain_library(liblinear linear.h linear liblinear-dev)
stance_plain_library(libcsv csv.h csv libcsv-dev)

if(STANCE_TESTS)
  stance_pkg(cmocka cmocka libcmocka-dev)
endif()

find_library(MATH_LIBRARY m)
