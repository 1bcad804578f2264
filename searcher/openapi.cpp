#include "searcher/openapi.h"

namespace communique {
namespace {

// Kept as JSON text so it reads like the document it is.
constexpr char kDocument[] = R"json({
  "openapi": "3.0.3",
  "info": {
    "title": "Communique search API",
    "version": "1",
    "description": "Full-text search over diplomatic news. Errors are {\"error\":{\"code\",\"message\"}} with the same HTTP status; every response carries X-Content-Type-Options: nosniff."
  },
  "paths": {
    "/api/search": {
      "get": {
        "summary": "Search articles",
        "parameters": [
          {"$ref": "#/components/parameters/q"}, {"$ref": "#/components/parameters/country"},
          {"$ref": "#/components/parameters/country_any"}, {"$ref": "#/components/parameters/country_not"}, {"$ref": "#/components/parameters/organisation"},
          {"$ref": "#/components/parameters/leader"}, {"$ref": "#/components/parameters/source"},
          {"$ref": "#/components/parameters/language"}, {"$ref": "#/components/parameters/dateline"},
          {"$ref": "#/components/parameters/dyad"}, {"$ref": "#/components/parameters/event"},
          {"$ref": "#/components/parameters/event_dyad"}, {"$ref": "#/components/parameters/speaker"},
          {"$ref": "#/components/parameters/subject"},
          {"$ref": "#/components/parameters/from"},
          {"$ref": "#/components/parameters/to"}, {"$ref": "#/components/parameters/sort"},
          {"$ref": "#/components/parameters/page"}, {"$ref": "#/components/parameters/size"},
          {"$ref": "#/components/parameters/facet_size"}, {"$ref": "#/components/parameters/date_interval"},
          {"$ref": "#/components/parameters/collapse"}, {"$ref": "#/components/parameters/facets"},
          {"$ref": "#/components/parameters/cursor"}, {"$ref": "#/components/parameters/format"}
        ],
        "responses": {
          "200": {"description": "Results", "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/SearchResponse"}},
            "text/csv": {"schema": {"type": "string"}},
            "application/atom+xml": {"schema": {"type": "string"}}}},
          "400": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/api/search.csv": {
      "get": {
        "summary": "The same search as CSV (header id,date,title,url,source,countries,leaders,organisations)",
        "parameters": [{"$ref": "#/components/parameters/q"}, {"$ref": "#/components/parameters/size"}, {"$ref": "#/components/parameters/cursor"}],
        "responses": {"200": {"description": "CSV", "content": {"text/csv": {"schema": {"type": "string"}}}},
                      "400": {"$ref": "#/components/responses/Error"}}
      }
    },
    "/api/search.atom": {
      "get": {
        "summary": "The same search as an Atom feed",
        "parameters": [{"$ref": "#/components/parameters/q"}, {"$ref": "#/components/parameters/size"}],
        "responses": {"200": {"description": "Atom 1.0", "content": {"application/atom+xml": {"schema": {"type": "string"}}}},
                      "400": {"$ref": "#/components/responses/Error"}}
      }
    },
    "/api/doc/{id}": {
      "get": {
        "summary": "One article",
        "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
        "responses": {"200": {"description": "The article", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Document"}}}},
                      "404": {"$ref": "#/components/responses/Error"}}
      }
    },
    "/api/similar/{id}": {
      "get": {
        "summary": "Articles most like one article (relevance-set expansion); takes the filters of /api/search",
        "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
                       {"$ref": "#/components/parameters/size"}, {"$ref": "#/components/parameters/collapse"}],
        "responses": {"200": {"description": "A search response plus similar_to and terms", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SimilarResponse"}}}},
                      "404": {"$ref": "#/components/responses/Error"}}
      }
    },
    "/api/suggest": {
      "get": {
        "summary": "Completions for a search box, entities first",
        "parameters": [{"name": "q", "in": "query", "schema": {"type": "string"}},
                       {"name": "size", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 20, "default": 8}}],
        "responses": {"200": {"description": "Completions", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SuggestResponse"}}}},
                      "400": {"$ref": "#/components/responses/Error"}}
      }
    },
    "/api/facets/{field}": {
      "get": {
        "summary": "Every value of a facet with its count over the matching articles (the facet's own filter ignored)",
        "parameters": [{"name": "field", "in": "path", "required": true, "schema": {"type": "string", "example": "country"}},
                       {"$ref": "#/components/parameters/q"}],
        "responses": {"200": {"description": "Values", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/FacetValues"}}}},
                      "404": {"$ref": "#/components/responses/Error"}}
      }
    },
    "/healthz": {
      "get": {
        "summary": "Liveness and document count",
        "responses": {"200": {"description": "Healthy", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}},
                      "503": {"$ref": "#/components/responses/Error"}}
      }
    },
    "/api/openapi.json": {
      "get": {"summary": "This document", "responses": {"200": {"description": "OpenAPI 3", "content": {"application/json": {"schema": {"type": "object"}}}}}}
    }
  },
  "components": {
    "parameters": {
      "q": {"name": "q", "in": "query", "description": "Query: words, \"phrases\", AND OR NOT XOR, +/-, NEAR, ADJ, word*, parentheses, title: source: lang: country: leader: org: event: speaker: quote:\"...\" author: subject: subject_name: date:A..B. At most 1024 bytes and 64 words.", "schema": {"type": "string"}},
      "country": {"name": "country", "in": "query", "description": "Country (code or name); repeated = all of them", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true},
      "country_any": {"name": "country_any", "in": "query", "description": "Comma-separated countries; any of them. Every facet takes NAME_any.", "schema": {"type": "string"}},
      "country_not": {"name": "country_not", "in": "query", "description": "Comma-separated countries; none of them. Every facet takes NAME_not.", "schema": {"type": "string"}},
      "organisation": {"name": "organisation", "in": "query", "description": "Organisation id or name (also org=); repeated = all", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true},
      "leader": {"name": "leader", "in": "query", "description": "Leader id or name; repeated = all", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true},
      "source": {"name": "source", "in": "query", "schema": {"type": "string"}},
      "language": {"name": "language", "in": "query", "description": "ISO 639-1 (also lang=)", "schema": {"type": "string"}},
      "dateline": {"name": "dateline", "in": "query", "schema": {"type": "string"}},
      "dyad": {"name": "dyad", "in": "query", "description": "Two country codes, e.g. PK-RU: articles covering both", "schema": {"type": "string"}},
      "event": {"name": "event", "in": "query", "description": "Event type (call, visit, meeting, summit, agreement, statement, sanctions, expulsion, vote, military, aid, election; schema/events.json); repeated = all", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true},
      "event_dyad": {"name": "event_dyad", "in": "query", "description": "A dyad and an event type both its countries take part in, e.g. PK-RU:call", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true},
      "speaker": {"name": "speaker", "in": "query", "description": "Who the article quotes: leader id or any alias (else the name folded and joined with '-'); repeated = all", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true},
      "subject": {"name": "subject", "in": "query", "description": "Subject code the feed assigned (medtop:11000000, a category) or words of its name (politics); repeated = all", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true},
      "from": {"name": "from", "in": "query", "description": "YYYY-MM-DD, YYYY-MM or YYYY (inclusive)", "schema": {"type": "string"}},
      "to": {"name": "to", "in": "query", "description": "YYYY-MM-DD, YYYY-MM or YYYY (inclusive)", "schema": {"type": "string"}},
      "sort": {"name": "sort", "in": "query", "schema": {"type": "string", "enum": ["relevance", "date", "recent"]}},
      "page": {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1}},
      "size": {"name": "size", "in": "query", "description": "1..100 (1..1000 for exports)", "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 10}},
      "facet_size": {"name": "facet_size", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 10}},
      "date_interval": {"name": "date_interval", "in": "query", "schema": {"type": "string", "enum": ["day", "month", "year"], "default": "month"}},
      "collapse": {"name": "collapse", "in": "query", "description": "Fold near-duplicates into one hit", "schema": {"type": "boolean", "default": true}},
      "facets": {"name": "facets", "in": "query", "description": "Count facets", "schema": {"type": "boolean", "default": true}},
      "cursor": {"name": "cursor", "in": "query", "description": "next_cursor of the previous sort=date page", "schema": {"type": "string"}},
      "format": {"name": "format", "in": "query", "schema": {"type": "string", "enum": ["json", "csv", "atom"]}}
    },
    "responses": {
      "Error": {"description": "Error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    },
    "schemas": {
      "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object", "required": ["code", "message"], "properties": {"code": {"type": "integer"}, "message": {"type": "string"}}}}},
      "Entity": {"type": "object", "required": ["value", "label"], "properties": {"value": {"type": "string"}, "label": {"type": "string"}}},
      "Bucket": {"type": "object", "required": ["value", "label", "count"], "properties": {"value": {"type": "string"}, "label": {"type": "string"}, "count": {"type": "integer"}}},
      "Hit": {"type": "object",
        "required": ["id", "url", "date", "source", "title", "title_html", "snippet", "countries", "leaders", "organisations", "score", "duplicates"],
        "properties": {
          "id": {"type": "string"}, "url": {"type": "string"}, "date": {"type": "string"}, "source": {"type": "string"},
          "language": {"type": "string", "description": "BCP 47 tag, declared or detected; empty when unknown"},
          "language_name": {"type": "string", "description": "the language's name in itself (Русский, 中文)"},
          "title": {"type": "string"}, "title_html": {"type": "string", "description": "HTML: <mark> around matched words, all else escaped"},
          "snippet": {"type": "string", "description": "HTML: <mark> around matched words, all else escaped"},
          "countries": {"type": "array", "items": {"$ref": "#/components/schemas/Entity"}},
          "leaders": {"type": "array", "items": {"$ref": "#/components/schemas/Entity"}},
          "organisations": {"type": "array", "items": {"$ref": "#/components/schemas/Entity"}},
          "events": {"type": "array", "items": {"type": "string"}, "description": "Event types of the headline and lead, the primary first"},
          "authors": {"type": "array", "items": {"type": "string"}, "description": "Bylines as the input gave them (plain text, not HTML)"},
          "subjects": {"type": "array", "items": {"$ref": "#/components/schemas/Entity"}, "description": "Subjects the input assigned: value the code (medtop:11000000), label its name from the input, else the code"},
          "quote": {"type": "object", "description": "A quote of the speaker the query asks for, and among those the one its words match, then one with a speaker; a quote with no speaker only when the query's words are in it; absent when none is", "properties": {"speaker": {"type": "string"}, "speaker_id": {"type": "string"}, "text_html": {"type": "string", "description": "HTML: <mark> around matched words, all else escaped"}}},
          "score": {"type": "number"},
          "duplicates": {"type": "integer", "description": "Near-duplicates folded into this hit"},
          "title_derived": {"type": "boolean", "description": "Present (true) when the article had no headline and title is its first sentence, cut"}}},
      "SearchResponse": {"type": "object",
        "required": ["query", "total", "total_exact", "total_bounds", "page", "size", "sort", "collapse", "date_interval", "took_ms", "hits", "facets", "partial"],
        "properties": {
          "query": {"type": "string"}, "total": {"type": "integer"}, "total_exact": {"type": "boolean"},
          "total_bounds": {"type": "object", "required": ["lower", "upper"], "properties": {"lower": {"type": "integer"}, "upper": {"type": "integer"}}},
          "page": {"type": "integer"}, "size": {"type": "integer"},
          "sort": {"type": "string", "enum": ["relevance", "date", "recent"]},
          "collapse": {"type": "boolean"},
          "date_interval": {"type": "string", "enum": ["day", "month", "year"]},
          "took_ms": {"type": "number"},
          "suggestion": {"type": "string", "description": "Present when a word of q is all but unknown to the index and a respelling is far more frequent: q with that word respelled"},
          "suggestion_total": {"type": "integer", "description": "Articles the suggestion finds"},
          "unquoted": {"type": "object", "description": "Present when a phrase in q found nothing and the words without quotes find something", "required": ["q", "total"], "properties": {"q": {"type": "string"}, "total": {"type": "integer"}}},
          "expansions": {"type": "array", "description": "Present when q holds role phrases (any language, or an organisation's office) widened to the leaders who held the office on each article's date: the holders whose terms overlap the request's dates, latest first", "items": {"type": "object", "required": ["phrase", "role", "of", "holders"], "properties": {"phrase": {"type": "string"}, "role": {"type": "string"}, "of": {"type": "object", "properties": {"value": {"type": "string"}, "label": {"type": "string"}}}, "holders": {"type": "array", "items": {"type": "object", "required": ["value", "label", "from", "to"], "properties": {"value": {"type": "string"}, "label": {"type": "string"}, "from": {"type": "string"}, "to": {"type": "string"}}}}}}},
          "relaxed": {"type": "object", "description": "Present when all the parts of q together found nothing (and unquoted offers nothing): q without the parts in dropped, which found nothing on their own or kept the others from matching", "required": ["q", "total", "dropped"], "properties": {"q": {"type": "string"}, "total": {"type": "integer"}, "dropped": {"type": "array", "items": {"type": "string"}}}},
          "next_cursor": {"type": "string", "description": "Present on sort=date when more hits follow"},
          "partial": {"type": "boolean", "description": "True when some shards did not answer: hits, totals and facets come from the others"},
          "missing_shards": {"type": "array", "items": {"type": "string"}, "description": "Present when partial: the shards that did not answer"},
          "facets_exact": {"type": "boolean", "description": "Present when facets are counted: false when the query had more matches than the server counts exactly (--exact-counts) and counts are estimates from a sample"},
          "facets_sample": {"type": "number", "description": "Present when facets_exact is false: the share of the index the estimates were counted over"},
          "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
          "facets": {"type": "object", "description": "country, organisation, leader, source, language, dateline, dyad, event, event_dyad, speaker: top facet_size by count; date: histogram, oldest first",
                     "additionalProperties": {"type": "array", "items": {"$ref": "#/components/schemas/Bucket"}}}}},
      "SimilarResponse": {"allOf": [{"$ref": "#/components/schemas/SearchResponse"},
        {"type": "object", "required": ["similar_to", "terms"], "properties": {"similar_to": {"type": "string"}, "terms": {"type": "array", "items": {"type": "string"}}}}]},
      "Document": {"type": "object", "required": ["id", "url", "title", "date", "source", "language", "body", "countries", "leaders", "organisations", "dates_mentioned"],
        "properties": {"id": {"type": "string"}, "url": {"type": "string"}, "title": {"type": "string"}, "date": {"type": "string"},
          "source": {"type": "string"}, "language": {"type": "string"}, "dateline": {"type": "string"}, "body": {"type": "string"},
          "countries": {"type": "array", "items": {"$ref": "#/components/schemas/Entity"}},
          "leaders": {"type": "array", "items": {"$ref": "#/components/schemas/Entity"}},
          "organisations": {"type": "array", "items": {"$ref": "#/components/schemas/Entity"}},
          "authors": {"type": "array", "items": {"type": "string"}, "description": "Bylines as the input gave them (plain text)"},
          "subjects": {"type": "array", "items": {"$ref": "#/components/schemas/Entity"}, "description": "value: the subject code; label: its name from the input, else the code"},
          "dates_mentioned": {"type": "array", "items": {"type": "string"}}}},
      "Suggestion": {"type": "object", "required": ["text", "kind", "value", "count"],
        "properties": {"text": {"type": "string"}, "kind": {"type": "string", "enum": ["country", "leader", "organisation", "term"]}, "value": {"type": "string"}, "count": {"type": "integer"}}},
      "SuggestResponse": {"type": "object", "required": ["query", "suggestions"],
        "properties": {"query": {"type": "string"}, "suggestions": {"type": "array", "items": {"$ref": "#/components/schemas/Suggestion"}}}},
      "FacetValues": {"type": "object", "required": ["field", "total", "values", "partial"],
        "properties": {"field": {"type": "string"}, "total": {"type": "integer"}, "values": {"type": "array", "items": {"$ref": "#/components/schemas/Bucket"}},
          "partial": {"type": "boolean"}, "missing_shards": {"type": "array", "items": {"type": "string"}},
          "facets_exact": {"type": "boolean"}, "facets_sample": {"type": "number"}}},
      "Shard": {"type": "object", "required": ["name", "kind", "state"],
        "properties": {"name": {"type": "string"}, "kind": {"type": "string", "enum": ["local", "remote"]}, "state": {"type": "string", "enum": ["up", "down"]},
          "documents": {"type": "integer"}, "error": {"type": "string"}}},
      "Health": {"type": "object", "required": ["status", "documents", "shards"],
        "properties": {"status": {"type": "string", "enum": ["ok", "degraded"]}, "documents": {"type": "integer"},
          "shards": {"type": "array", "items": {"$ref": "#/components/schemas/Shard"}}}}
    }
  }
})json";

}  // namespace

const nlohmann::json& OpenApiDocument() {
  static const nlohmann::json document = nlohmann::json::parse(kDocument);
  return document;
}

}  // namespace communique
