{
  # One small addon: the prefilter's probe loop (native/gram_probe.cc). Built from source by
  # `npm install`/`npm ci` against the local Node headers; src/match/native.ts falls back to the
  # JavaScript loop when it is missing.
  "targets": [
    {
      "target_name": "logsig_native",
      "sources": ["native/gram_probe.cc"],
      "include_dirs": ["<!(node -e \"require('nan')\")"],
      "cflags_cc": ["-O3", "-std=c++17"],
      "cflags_cc!": ["-fno-exceptions"],
      "xcode_settings": { "OTHER_CPLUSPLUSFLAGS": ["-O3", "-std=c++17"] }
    }
  ]
}
