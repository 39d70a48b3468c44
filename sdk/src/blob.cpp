#include "platebus/blob.hpp"

#include <vector>

namespace platebus {

Blob Blob::from_vector(std::vector<std::byte> bytes) {
  auto held = std::make_shared<std::vector<std::byte>>(std::move(bytes));
  Blob blob;
  blob.data = held->data();
  blob.size = held->size();
  blob.owner = std::move(held);
  return blob;
}

Blob Blob::copy_of(std::span<const std::byte> bytes) { return from_vector({bytes.begin(), bytes.end()}); }

Blob Blob::from_string(std::string text) {
  auto held = std::make_shared<std::string>(std::move(text));
  Blob blob;
  blob.data = reinterpret_cast<const std::byte*>(held->data());
  blob.size = held->size();
  blob.owner = std::move(held);
  return blob;
}

}  // namespace platebus
