{
  # One small addon (native/): the prefilter's probe loops, and RE2 tests of the candidates they
  # find. Built from source by `npm install`/`npm ci` against the local Node headers;
  # src/match/native.ts falls back to JavaScript (and the `re2` package) when it is missing.
  #
  # RE2 is compiled here from the sources the `re2` package bundles (native/re2-sources.cjs lists
  # them), so that both run the same RE2 release: a second copy in this addon, about a minute of
  # compiling on two cores, because the package exports no C++ interface to link against.
  "variables": {
    "re2_dir": "<!(node native/re2-sources.cjs --dir)"
  },
  "targets": [
    {
      "target_name": "re2_bundled",
      "type": "static_library",
      "sources": ["<!@(node native/re2-sources.cjs)"],
      "include_dirs": [
        "<!(node -e \"require('nan')\")",
        "<(re2_dir)/vendor/re2",
        "<(re2_dir)/vendor/abseil-cpp"
      ],
      "defines": ["NDEBUG", "NOMINMAX"],
      "cflags": ["-fPIC", "-fvisibility=hidden", "-Wno-sign-compare", "-Wno-unused-parameter", "-Wno-missing-field-initializers", "-Wno-cast-function-type"],
      "cflags_cc": ["-O3", "-std=c++2a"],
      "cflags_cc!": ["-fno-exceptions", "-std=gnu++17"],
      "direct_dependent_settings": {
        "include_dirs": ["<(re2_dir)/vendor/re2", "<(re2_dir)/vendor/abseil-cpp", "<(re2_dir)/lib"],
        "defines": ["NDEBUG", "NOMINMAX"]
      },
      "xcode_settings": { "OTHER_CPLUSPLUSFLAGS": ["-O3", "-std=c++2a"], "CLANG_CXX_LIBRARY": "libc++" },
      "conditions": [
        ["OS=='linux'", { "cflags": ["-pthread"], "ldflags": ["-pthread"] }],
        ["OS=='win'", { "sources": ["<!@(node native/re2-sources.cjs --os win)"] }]
      ]
    },
    {
      "target_name": "logsig_native",
      "dependencies": ["re2_bundled"],
      "sources": ["native/gram_probe.cc", "native/regex_bank.cc", "native/piece_program.cc", "native/teddy.cc"],
      "include_dirs": ["<!(node -e \"require('nan')\")"],
      "cflags": ["-fvisibility=hidden"],
      "cflags_cc": ["-O3", "-std=c++2a"],
      "cflags_cc!": ["-fno-exceptions", "-std=gnu++17"],
      "xcode_settings": { "OTHER_CPLUSPLUSFLAGS": ["-O3", "-std=c++2a"], "CLANG_CXX_LIBRARY": "libc++" }
    }
  ]
}
