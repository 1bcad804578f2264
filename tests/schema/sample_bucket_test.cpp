#include "schema/sample_bucket.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

using communique::kSampleBuckets;
using communique::SampleBucket;
using communique::SampleBucketValue;

TEST_CASE("sample buckets spread keys evenly and never move", "[schema]") {
  // Keys like the benchmark's replicated ids ("reuters-12~3") differ in a
  // few characters: the top byte of the hash must still spread them.
  // Short keys ("d1", "d2"...) too: FNV-1a alone fills only 25 buckets.
  const int keys = 256 * 200;
  for (bool short_keys : {false, true}) {
    std::vector<int> per_bucket(kSampleBuckets);
    for (int i = 0; i < keys; ++i) {
      ++per_bucket[SampleBucket(short_keys ? "d" + std::to_string(i)
                                           : "reuters-" + std::to_string(i / 4) + "~" +
                                                 std::to_string(i % 4))];
    }
    int fewest = *std::min_element(per_bucket.begin(), per_bucket.end());
    int most = *std::max_element(per_bucket.begin(), per_bucket.end());
    INFO("short keys: " << short_keys);
    CHECK(fewest > 200 / 2);  // expected 200 each
    CHECK(most < 200 * 2);
  }
  // Fixed values: indexes already written hold these terms.
  CHECK(SampleBucket("") == 0xd7);
  CHECK(SampleBucketValue(0) == "00");
  CHECK(SampleBucketValue(0x14) == "14");
  CHECK(SampleBucketValue(255) == "ff");
}
