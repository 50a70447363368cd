// The customers' privacy choices put to work (issue 18): who may be contacted on which channel and
// why, who stays out of profiling, one person's data on request, the forgotten-people list that
// stops a forgotten customer coming back, and who a retention period would forget. Pure functions;
// every yes/no carries its reason, as every classification in the house does.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/settings.h"
#include "model/customer.h"

namespace profila {

// [SECTION] consent --------------------------------------------------------------------------------
// Stable names of the channels ("email", "phone", "messaging", "post"), as the contact export and
// the strings (privacy.channel.<name>) use them.
[[nodiscard]] const char* ContactChannelName(ContactChannel channel);
[[nodiscard]] bool ParseContactChannel(std::string_view name, ContactChannel* channel);

struct ContactDecision {
    bool Allowed = false;
    // Codes: "privacy.consent_given" {days since given, or -1}, "privacy.consent_withdrawn" {days
    // since withdrawn, or -1}, "privacy.consent_not_recorded" {}, "privacy.no_address" {} (consent,
    // but no e-mail / phone / address to use).
    Reason Why;
};
// May the shop contact this customer on this channel (as of `today`, for the days in the reason)?
[[nodiscard]] ContactDecision MayContact(const Customer& customer, ContactChannel channel, Date today);
// On any channel: the first channel allowed, or, when none is, the reason of the e-mail channel
// ("privacy.no_channel" {} when every channel lacks a usable consent).
[[nodiscard]] ContactDecision MayContactAny(const Customer& customer, Date today, ContactChannel* first = nullptr);

// A list of customers to contact split by consent: indices kept, and those left out with why.
struct ContactSplit {
    std::vector<size_t> Kept;
    struct LeftOut {
        size_t Index = 0;
        Reason Why;
    };
    std::vector<LeftOut> Left;
};
// indices into customers; channel null: any channel will do (the weekly action list).
[[nodiscard]] ContactSplit SplitByConsent(const std::vector<Customer>& customers, const std::vector<size_t>& indices,
                                          const ContactChannel* channel, Date today);

// The contact list of one channel as CSV (';', UTF-8 with BOM, spreadsheet formulas escaped):
// name, company, the channel's address (e-mail, phone or postal address), when and how consent was
// given. Only customers with consent for it; `left` (optional) receives those left out, with why.
[[nodiscard]] std::string ContactListCsv(const std::vector<Customer>& customers, ContactChannel channel, Date today,
                                         std::vector<ContactSplit::LeftOut>* left = nullptr);

// [SECTION] objecting to profiling ------------------------------------------------------------------
// The customers who may be profiled: `all` without those who object. Returns how many were left
// out; when none, `out` is untouched and the caller can use `all` itself (no copy).
size_t ProfilingInput(const Workspace& all, Workspace& out);
[[nodiscard]] size_t CountObjecting(const Workspace& workspace);

// [SECTION] a person's data on request --------------------------------------------------------------
struct PersonDataExtra {
    std::string Title;                          // "Data held about <name>" in the reader's language
    std::vector<std::string> AnalysisLines;     // the analysis results with their reasons, in words
    std::string GeneratedOn;                    // "2026-12-06"
    std::string Business;                       // who holds the data
};
// One JSON document: {"generatedOn", "business", "customer": <card as stored>, "analysis": [lines]}.
[[nodiscard]] std::string PersonDataJson(const Customer& customer, const PersonDataExtra& extra);
// The same, readable: Markdown with a heading per part of the card and a table per history.
[[nodiscard]] std::string PersonDataMarkdown(const Customer& customer, const PersonDataExtra& extra);

// [SECTION] forgotten people ------------------------------------------------------------------------
// One-way hashes (SHA-256, hex) of a forgotten customer's identifiers, salted per workspace so the
// same person gives other hashes in another workspace: "name+phone", "email", "phone" (digits
// only), "vat" (a VAT or fiscal code, when the card has one; the card has no such field yet, so
// callers pass it when they know it). Identifiers are normalised first (case, accents, spaces,
// phone punctuation and a leading 00 / + country prefix of 39, 34 or 44 kept as digits).
struct ForgottenList {
    std::string Salt;                 // random, made once per workspace (hex)
    std::vector<std::string> Hashes;  // sorted, unique
};
[[nodiscard]] std::vector<std::string> IdentifierHashes(const Customer& customer, std::string_view salt,
                                                        std::string_view vat = {});
void AddForgotten(ForgottenList& list, const Customer& customer);
// True when any identifier of the customer is on the list (an older backup or a re-import of a
// forgotten person).
[[nodiscard]] bool IsForgotten(const ForgottenList& list, const Customer& customer);
// Removes the forgotten customers from `customers`; returns how many it removed.
size_t DropForgotten(const ForgottenList& list, std::vector<Customer>& customers);
// The list as JSON text {"salt": ..., "hashes": [...]} and back (false when the text is not one).
[[nodiscard]] std::string ForgottenListToJson(const ForgottenList& list);
[[nodiscard]] bool ForgottenListFromJson(std::string_view text, ForgottenList& list);

// [SECTION] retention ---------------------------------------------------------------------------------
// The last day anything happened with the customer: a purchase, request, score, complaint,
// communication, proposal, a consent given or withdrawn, interest shown, becoming a customer.
[[nodiscard]] std::optional<Date> LastActivity(const Customer& customer);
// Indices of the customers with no activity for more than `years` years before today (customers
// with no dated activity at all are not proposed: nothing says how old they are).
[[nodiscard]] std::vector<size_t> RetentionCandidates(const Workspace& workspace, int years, Date today);

}  // namespace profila
