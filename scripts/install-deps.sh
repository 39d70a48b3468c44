#!/usr/bin/env bash
# Installs the Debian 12 packages PlateBus builds and tests with. Safe to run again: apt skips
# what is already there. Needs root (or sudo).
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libboost-dev libboost-filesystem-dev libboost-test-dev
  cppzmq-dev libzmq3-dev
  libyaml-cpp-dev libspdlog-dev libfmt-dev nlohmann-json3-dev libcli11-dev
  libopencv-dev fonts-dejavu-core fonts-dejavu-extra
  libtesseract-dev tesseract-ocr-eng
  liblmdb-dev liblmdb++-dev
  libsodium-dev libcpp-httplib-dev libssl-dev cracklib-runtime openssl
  libicu-dev
  alsa-utils
  libgps-dev gpsd
  python3 python3-zmq
  # The independent audit-chain verifier (tests/python/verify_audit_chain.py) reads LMDB and Ed25519.
  python3-lmdb python3-cryptography
  # The fuzz targets (fuzz/, scripts/fuzz.sh): clang, and libFuzzer with the sanitizer runtimes.
  clang libclang-rt-14-dev
  # The plate network's generator (tools/plate_model; CI runs a short smoke run of it): PyTorch,
  # ONNX export, OpenCV and Pillow for rendering, and the fonts the synthetic plates are drawn in.
  python3-torch python3-onnx python3-opencv python3-pil python3-numpy
  fonts-bebas-neue fonts-roboto-unhinted fonts-liberation fonts-urw-base35
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
