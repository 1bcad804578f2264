#include "schema/sample_bucket.h"

#include "common/hash.h"

namespace communique {

unsigned SampleBucket(std::string_view key) {
  // FNV-1a's top bits barely move between short keys ("d1", "d2"...: 25
  // buckets for 2,000 of them), so they go through MurmurHash3's 64-bit
  // finaliser first.
  uint64_t h = KeyHash(key);
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return static_cast<unsigned>(h >> 56) % kSampleBuckets;
}

std::string SampleBucketValue(unsigned bucket) {
  static const char kHex[] = "0123456789abcdef";
  return {kHex[(bucket >> 4) & 15], kHex[bucket & 15]};
}

}  // namespace communique
