# Sourced by the build scripts: how ccache caches this project's compiles.
# Paths under the clone are hashed relative to it, so a clone in another folder (CI's) hits the same cache;
# the sloppiness lets ccache cache the sources compiled with a precompiled header (otherwise none is cached).
export CCACHE_BASEDIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CCACHE_NOHASHDIR=true
export CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
