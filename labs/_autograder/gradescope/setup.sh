#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image
# (Ubuntu 22.04). It builds sdlab from the source tree shipped in the
# autograder zip (folder `sdlab/`) and installs it on the PATH.
set -euo pipefail

SOURCE="${AUTOGRADER_SOURCE:-/autograder/source}"

apt-get update
apt-get install -y --no-install-recommends \
  build-essential ninja-build pkg-config python3-pip \
  libyaml-cpp-dev libboost-program-options-dev libboost-graph-dev libeigen3-dev \
  nlohmann-json3-dev libpugixml-dev libgraphviz-dev graphviz

# sdlab needs CMake 3.25; Ubuntu 22.04 ships 3.22.
if ! cmake --version 2> /dev/null | awk 'NR == 1 { split($3, v, "."); exit !(v[1] > 3 || (v[1] == 3 && v[2] >= 25)) }'; then
  python3 -m pip install --no-cache-dir 'cmake>=3.25'
fi

cmake -S "$SOURCE/sdlab" -B /tmp/sdlab-build -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DSDLAB_BUILD_TESTS=OFF -DSDLAB_BUILD_BENCHMARKS=OFF
cmake --build /tmp/sdlab-build
cmake --install /tmp/sdlab-build
sdlab --version
