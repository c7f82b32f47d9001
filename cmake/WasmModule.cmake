# emolens_add_wasm_module(<target> VARIANT st|mt SOURCES <files...>): an ES module <target>.mjs +
# .wasm of the library's st (SIMD128) or mt (SIMD128 + pthreads) build with the given embind glue,
# loading in browsers and in Node 20. Used by wasm/ (the production modules) and bench/engine/.
set(EMOLENS_WASM_LINK_OPTIONS
  --bind
  -sMODULARIZE=1
  -sEXPORT_ES6=1
  -sEXPORT_NAME=createEmolensModule
  -sENVIRONMENT=web,worker,node
  -sALLOW_MEMORY_GROWTH=1
  -sINITIAL_MEMORY=33554432
  -sMAXIMUM_MEMORY=2147483648
  -sTOTAL_STACK=1048576
  -sEXPORTED_FUNCTIONS=_malloc,_free   # frames are copied into a heap buffer the JS side owns
  -sDYNAMIC_EXECUTION=0   # embind without eval/new Function: pages and workers need no 'unsafe-eval'
  # Emscripten 3.1.6's ES6 loader expects CommonJS globals in Node: see wasm/node_shim.js.
  --extern-pre-js=${PROJECT_SOURCE_DIR}/wasm/node_shim.js
)

function(emolens_add_wasm_module target)
  cmake_parse_arguments(ARG "" "VARIANT" "SOURCES" ${ARGN})
  add_executable(${target} ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE emolens_core_${ARG_VARIANT})
  set_target_properties(${target} PROPERTIES SUFFIX ".mjs" LINK_DEPENDS ${PROJECT_SOURCE_DIR}/wasm/node_shim.js)
  target_link_options(${target} PRIVATE ${EMOLENS_WASM_LINK_OPTIONS})
  if(ARG_VARIANT STREQUAL "mt")
    # Workers are started up front: joining a thread on the main thread before its worker exists
    # deadlocks. The pool size is read at load time from Module.emolensThreads (wasm/emolens.mjs
    # sets enough for every engine of an analyzer, each of which keeps threads - 1 workers).
    target_link_options(${target} PRIVATE -sPTHREAD_POOL_SIZE=Module.emolensThreads -sPTHREAD_POOL_SIZE_STRICT=2)
  endif()
  # Emscripten 3.1.6 writes <target>.worker.js as CommonJS: mark the output folder so Node, under a
  # package.json of "type": "module", still loads it as CommonJS.
  file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/package.json "{\"type\": \"commonjs\"}\n")
endfunction()
