// The words that name an office after a country or its demonym ("Russian
// President", "Pakistan's prime minister") or before "of <country>", with
// the gazetteer role they mean. One list for the indexer, which resolves
// them in text to the holder on the article's date, and the searcher, which
// resolves them in queries, so both ask for exactly the same offices.
// Thread-safety: immutable data.
#pragma once

#include <string_view>
#include <vector>

namespace communique {

struct RolePhrase {
  std::vector<std::string_view> words;  // folded
  std::string_view role;                // as in leaders.json
};

// Longer phrases first within a head word ("vice president" before
// "president"), so a scan that takes the first match takes the longest.
inline const std::vector<RolePhrase>& RolePhrases() {
  static const std::vector<RolePhrase> phrases = {
      {{"prime", "minister"}, "prime minister"},
      {{"foreign", "minister"}, "foreign minister"},
      {{"finance", "minister"}, "finance minister"},
      {{"treasury", "secretary"}, "finance minister"},
      {{"vice", "president"}, "vice president"},
      {{"secretary", "of", "state"}, "secretary of state"},
      {{"crown", "prince"}, "crown prince"},
      {{"supreme", "leader"}, "supreme leader"},
      {{"president"}, "president"},
      {{"premier"}, "prime minister"},
      {{"pm"}, "prime minister"},
      {{"chancellor"}, "chancellor"},
      {{"king"}, "king"},
      {{"emir"}, "emir"},
  };
  return phrases;
}

// The words that name an international organisation's office after the
// organisation ("UN Secretary-General", "NATO chief", "World Bank
// President") or before "of (the)" it ("Secretary-General of the United
// Nations"), with the role of the heads' terms in leaders.json. "chief" and
// "head" mean role "head": the body's one head on the date, whatever the
// title. A phrase with a `body_word` counts only after a name of the body
// ending in that word: the EU's names include "European Commission" and
// "European Council", whose presidents are two offices. Longer phrases first.
struct OrganisationRolePhrase {
  std::vector<std::string_view> words;  // folded
  std::string_view role;                // as in leaders.json's terms
  std::string_view body_word;           // folded; "" = any name of the body
};

inline const std::vector<OrganisationRolePhrase>& OrganisationRolePhrases() {
  static const std::vector<OrganisationRolePhrase> phrases = {
      {{"foreign", "policy", "chief"}, "high representative", ""},
      {{"foreign", "affairs", "chief"}, "high representative", ""},
      {{"high", "representative"}, "high representative", ""},
      {{"commission", "president"}, "commission president", ""},
      {{"council", "president"}, "council president", ""},
      {{"commission", "chairperson"}, "commission chairperson", ""},
      {{"commission", "chairman"}, "commission chairperson", ""},
      {{"commission", "chair"}, "commission chairperson", ""},
      {{"commission", "chief"}, "commission chairperson", ""},
      {{"secretary", "general"}, "secretary-general", ""},
      {{"director", "general"}, "director-general", ""},
      {{"managing", "director"}, "managing director", ""},
      {{"chairperson"}, "commission chairperson", "commission"},
      {{"chairman"}, "commission chairperson", "commission"},
      {{"president"}, "commission president", "commission"},
      {{"president"}, "council president", "council"},
      {{"president"}, "president", ""},
      {{"chief"}, "head", ""},
      {{"head"}, "head", ""},
  };
  return phrases;
}

}  // namespace communique
