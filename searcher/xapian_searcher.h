// SearchBackend over a Xapian database on local disk.
//
// Thread-safety: all public methods may be called concurrently. Xapian
// objects are not thread-safe, so each call borrows a handle (its own
// Xapian::Database) from a pool; handles reopen the database when the
// indexer has committed, so new articles appear without a restart, and a
// DatabaseModifiedError is answered by reopening and retrying.
#pragma once

#include <xapian.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "schema/field_schema.h"
#include "schema/gazetteer.h"
#include "searcher/search_backend.h"

namespace communique {

class XapianSearcher : public SearchBackend {
 public:
  // `schema` and `gazetteer` must outlive the searcher. Fails (503) when
  // the database cannot be opened.
  static Result<std::unique_ptr<XapianSearcher>> Open(const std::string& db_path,
                                                      const FieldSchema& schema,
                                                      const Gazetteer& gazetteer);

  Result<nlohmann::json> Search(const SearchRequest& request) override;
  Result<nlohmann::json> Document(const std::string& id) override;
  Result<nlohmann::json> Health() override;

 private:
  struct Handle {
    Xapian::Database db;
  };
  // Returns the handle to the pool when destroyed.
  class Lease {
   public:
    Lease(XapianSearcher& owner, std::unique_ptr<Handle> h) : owner_(owner), h_(std::move(h)) {}
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Handle* operator->() { return h_.get(); }

   private:
    XapianSearcher& owner_;
    std::unique_ptr<Handle> h_;
  };

  XapianSearcher(std::string path, const FieldSchema& schema, const Gazetteer& gazetteer);
  Result<std::unique_ptr<Handle>> Acquire();
  // Runs fn(Xapian::Database&) with a fresh handle, retrying after
  // DatabaseModifiedError; maps Xapian errors to Status.
  template <typename Fn>
  Result<nlohmann::json> WithDatabase(Fn&& fn);

  Result<nlohmann::json> SearchIn(Xapian::Database& db, const SearchRequest& request);
  nlohmann::json EntityList(EntityKind kind, const nlohmann::json& ids) const;

  std::string path_;
  const FieldSchema& schema_;
  const Gazetteer& gazetteer_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Handle>> free_;  // guarded by mu_
};

}  // namespace communique
