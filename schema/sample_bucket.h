// Sample buckets: every article falls into one of kSampleBuckets buckets by
// a hash of its key, indexed as a boolean term (schema field `sample`).
//
// A query with more matches than the searcher counts exactly is counted
// over the articles of its first n buckets: a sample of n/256 chosen by key,
// not by docid, so it is unbiased (docids follow indexing order, which
// follows time) and the same in one database or any set of shards.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace communique {

constexpr unsigned kSampleBuckets = 256;

// The bucket of the article with unique key `key`: the top byte of KeyHash
// after a finaliser that spreads every input bit over it (shard placement
// uses KeyHash modulo the shard count, so buckets spread over every shard).
unsigned SampleBucket(std::string_view key);

// The term value of bucket `bucket` (two lower-case hex digits), to follow
// the field's prefix.
std::string SampleBucketValue(unsigned bucket);

}  // namespace communique
