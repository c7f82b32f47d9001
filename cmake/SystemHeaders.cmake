# Header-only Debian libraries for both compilers.
# em++ must never see -I/usr/include (it would pull in glibc's headers), so the few folders we
# need are exposed through a folder of symlinks in the build tree; g++ uses the same folder so
# both builds resolve the same headers.
set(EMOLENS_SYSTEM_HEADERS
  nlohmann   # nlohmann-json3-dev
  simde      # libsimde-dev
  stb        # libstb-dev
  fp16       # libfp16-dev
  fp16.h
  catch2     # catch2 (native tests only, harmless elsewhere)
)
set(EMOLENS_SYSDEPS_DIR ${CMAKE_BINARY_DIR}/sysdeps/include)
file(MAKE_DIRECTORY ${EMOLENS_SYSDEPS_DIR})
foreach(entry IN LISTS EMOLENS_SYSTEM_HEADERS)
  if(NOT EXISTS /usr/include/${entry})
    message(FATAL_ERROR "/usr/include/${entry} is missing: run scripts/install.sh")
  endif()
  file(CREATE_LINK /usr/include/${entry} ${EMOLENS_SYSDEPS_DIR}/${entry} SYMBOLIC)
endforeach()
