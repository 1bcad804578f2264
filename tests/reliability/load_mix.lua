-- wrk request mix for tests/reliability/load_test.sh: searches, filters,
-- paging, date sorting, documents and health, in rotation.
local paths = {
  "/api/search?q=minister",
  "/api/search?q=talks+summit",
  "/api/search?q=%22prime+minister%22",
  "/api/search?q=trade&sort=date&page=2",
  "/api/search?country=PK",
  "/api/search?q=election+OR+parliament&size=20",
  "/api/search?q=gov*",
  "/api/search?q=security+-council",
  "/api/search?q=",
  "/api/doc/cq-0001",
  "/healthz",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
