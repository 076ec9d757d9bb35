//! The interface in the six languages: every label, button and message of
//! the pages, chosen by the visitor (`?ui=`, the `hx_ui` cookie, then
//! `Accept-Language`). One file per language; each is an exhaustive `match`,
//! so a message missing in any language does not compile.
//!
//! These are interface texts, not terminology: terms and definitions come
//! from the database in their own languages. Messages avoid grammatical
//! number (`Concepts found: {n}`) so no plural rules are needed.

mod ar;
mod en;
mod es;
mod fr;
mod ru;
mod zh;

use crate::model::{Lang, RecStatus};
use crate::workflow::roles::Role;

/// Every interface message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Msg {
    Tagline,
    SkipToContent,
    MainNavigation,
    NavSearch,
    NavRecommendations,
    NavStudyGroups,
    NavEqualFooting,
    NavQueue,
    NavPropose,
    StaffSignIn,
    SignIn,
    SignOut,
    InterfaceLanguage,
    FooterAbout,
    FooterApi,
    FooterFeed,
    Copied,
    CopyFailed,
    Copy,
    CopyTerm,
    Suggestions,
    SearchTitle,
    SearchIntro,
    SearchLabel,
    SearchPlaceholder,
    SearchButton,
    SearchIn,
    AllLanguages,
    ShowLanguages,
    Filters,
    FieldLabel,
    FieldAll,
    FieldTerm,
    FieldDefinition,
    ModeLabel,
    ModeAuto,
    ModeExact,
    ModePrefix,
    ModeContains,
    ModeFuzzy,
    StudyGroup,
    AnyStudyGroup,
    Recommendation,
    AnyRecommendation,
    Status,
    AnyStatus,
    StatusAccepted,
    StatusHistorical,
    StatusProposed,
    StatusWithdrawn,
    DateLabel,
    DateUpdated,
    DateProposed,
    DateAccepted,
    DateAdopted,
    DateFrom,
    DateTo,
    ApplyFilters,
    ClearFilters,
    SearchProblems,
    ResultsCount,
    PageOf,
    PageLabel,
    Pages,
    Previous,
    Next,
    NoResults,
    NoResultsHint,
    MatchedTerm,
    MatchedDefinition,
    ClauseN,
    BrowseTitle,
    SearchTips,
    RecentTitle,
    RecentNone,
    Breadcrumbs,
    LanguagesHeading,
    HistoricalLabel,
    HistoricalBanner,
    ProposedBanner,
    WithdrawnBanner,
    SourceLabel,
    StudyGroups,
    OriginLabel,
    DefinedHere,
    DefinedElsewhere,
    DefinedElsewhereNote,
    ConceptIdLabel,
    NoTextYet,
    AdoptedOn,
    TermPreferred,
    TermAdmitted,
    TermDeprecated,
    Abbreviation,
    Definition,
    Translate,
    Edit,
    Revise,
    Review,
    Open,
    SubmitForReview,
    MeetingLabel,
    DocumentLabel,
    Adopt,
    ReturnReason,
    ReturnWithComment,
    AcceptProposal,
    ReturnToRapporteur,
    DecideProposal,
    Comments,
    NoComments,
    AddComment,
    CommentAbout,
    WholeConcept,
    PostComment,
    History,
    ChangedFields,
    RecsIntro,
    TitleLabel,
    TermsCount,
    LanguagesOfSix,
    NoTerms,
    ClauseLabel,
    TermLabel,
    Approved,
    Edition,
    ProvisionalName,
    SupersededBy,
    Summary,
    RecTerms,
    SgsIntro,
    TermsN,
    StudyPeriod,
    SgTerms,
    EqTitle,
    EqIntro,
    EqConcepts,
    ChartTitle,
    PeriodTitle,
    Show,
    PeriodHint,
    FiguresTitle,
    SameAsJson,
    ColLanguage,
    ColWithTerm,
    ColWithDefinition,
    ColAdopted,
    ColPending,
    ColMissing,
    ColCoverage,
    ColAdoptedInPeriod,
    ColBacklog,
    ColMedian,
    SignInTitle,
    SignInIntro,
    TokenLabel,
    TokenHint,
    SignInFailed,
    SignedInAs,
    QueueTranslator,
    QueueTranslatorIntro,
    QueueReviewer,
    QueueReviewerIntro,
    QueueAdmin,
    QueueAdminIntro,
    QueueRapporteur,
    QueueRapporteurIntro,
    QueueEmpty,
    ActionLabel,
    SubmittedOn,
    EditHeading,
    ConflictTitle,
    ConflictBody,
    CurrentSaved,
    ReferenceTexts,
    NoReference,
    AdmittedLines,
    DeprecatedLines,
    AbbreviationLines,
    NoteLines,
    SaveDraft,
    SaveAndSubmit,
    ProposeTitle,
    ProposeIntro,
    ProposeOne,
    ProposingSg,
    RecField,
    ClauseField,
    SynonymLines,
    NoteLinesTyped,
    OriginHere,
    OriginElsewhere,
    ReferenceField,
    CheckButton,
    SubmitProposal,
    LintTitle,
    LintNone,
    SevError,
    SevWarning,
    SimilarTitle,
    SimilarNone,
    SimilarConflict,
    ReasonSameTerm,
    ReasonNearTerm,
    ReasonNearDefinition,
    PasteTitle,
    PasteIntro,
    TextLanguage,
    DetectLanguage,
    PasteLabel,
    ShowEntries,
    PastedEntries,
    EntriesFound,
    EnglishOnlyNote,
    EditBeforeProposing,
    ProposeThis,
    DoneSaved,
    DoneSubmitted,
    DoneAdopted,
    DoneReturned,
    DoneAccepted,
    DoneCommented,
    DoneProposed,
    DoneSignedIn,
    DoneSignedOut,
    Details,
    BackToSearch,
    ErrNotFound,
    ErrNotFoundLead,
    ErrCsrf,
    ErrCsrfLead,
    ErrForbidden,
    ErrForbiddenLead,
    ErrSignIn,
    ErrSignInLead,
    ErrConflict,
    ErrConflictLead,
    ErrStaleLead,
    ErrInvalid,
    ErrInvalidLead,
    ErrServer,
    ErrServerLead,
    SecAbsent,
    SecDraft,
    SecSubmitted,
    SecAdopted,
    SecReturned,
    LangAr,
    LangZh,
    LangEn,
    LangFr,
    LangRu,
    LangEs,
    RoleAdmin,
    RoleRapporteur,
    RoleTranslator,
    RoleReviewer,
    RecDraft,
    RecDetermined,
    RecConsented,
    RecInForce,
    RecSuperseded,
    RecWithdrawn,
    HistPropose,
    HistAccept,
    HistReturn,
    HistMerge,
    HistEdit,
    HistSubmit,
    HistAdopt,
    HistComment,
    HistRevert,
    HistSupersede,
    HistCarry,
    HistImport,
    HistSeed,
}

impl Msg {
    /// Every message, for the completeness tests.
    #[cfg(test)]
    pub const ALL: &'static [Msg] = &[Msg::Tagline, Msg::SkipToContent, Msg::MainNavigation, Msg::NavSearch, Msg::NavRecommendations, Msg::NavStudyGroups, Msg::NavEqualFooting, Msg::NavQueue, Msg::NavPropose, Msg::StaffSignIn, Msg::SignIn, Msg::SignOut, Msg::InterfaceLanguage, Msg::FooterAbout, Msg::FooterApi, Msg::FooterFeed, Msg::Copied, Msg::CopyFailed, Msg::Copy, Msg::CopyTerm, Msg::Suggestions, Msg::SearchTitle, Msg::SearchIntro, Msg::SearchLabel, Msg::SearchPlaceholder, Msg::SearchButton, Msg::SearchIn, Msg::AllLanguages, Msg::ShowLanguages, Msg::Filters, Msg::FieldLabel, Msg::FieldAll, Msg::FieldTerm, Msg::FieldDefinition, Msg::ModeLabel, Msg::ModeAuto, Msg::ModeExact, Msg::ModePrefix, Msg::ModeContains, Msg::ModeFuzzy, Msg::StudyGroup, Msg::AnyStudyGroup, Msg::Recommendation, Msg::AnyRecommendation, Msg::Status, Msg::AnyStatus, Msg::StatusAccepted, Msg::StatusHistorical, Msg::StatusProposed, Msg::StatusWithdrawn, Msg::DateLabel, Msg::DateUpdated, Msg::DateProposed, Msg::DateAccepted, Msg::DateAdopted, Msg::DateFrom, Msg::DateTo, Msg::ApplyFilters, Msg::ClearFilters, Msg::SearchProblems, Msg::ResultsCount, Msg::PageOf, Msg::PageLabel, Msg::Pages, Msg::Previous, Msg::Next, Msg::NoResults, Msg::NoResultsHint, Msg::MatchedTerm, Msg::MatchedDefinition, Msg::ClauseN, Msg::BrowseTitle, Msg::SearchTips, Msg::RecentTitle, Msg::RecentNone, Msg::Breadcrumbs, Msg::LanguagesHeading, Msg::HistoricalLabel, Msg::HistoricalBanner, Msg::ProposedBanner, Msg::WithdrawnBanner, Msg::SourceLabel, Msg::StudyGroups, Msg::OriginLabel, Msg::DefinedHere, Msg::DefinedElsewhere, Msg::DefinedElsewhereNote, Msg::ConceptIdLabel, Msg::NoTextYet, Msg::AdoptedOn, Msg::TermPreferred, Msg::TermAdmitted, Msg::TermDeprecated, Msg::Abbreviation, Msg::Definition, Msg::Translate, Msg::Edit, Msg::Revise, Msg::Review, Msg::Open, Msg::SubmitForReview, Msg::MeetingLabel, Msg::DocumentLabel, Msg::Adopt, Msg::ReturnReason, Msg::ReturnWithComment, Msg::AcceptProposal, Msg::ReturnToRapporteur, Msg::DecideProposal, Msg::Comments, Msg::NoComments, Msg::AddComment, Msg::CommentAbout, Msg::WholeConcept, Msg::PostComment, Msg::History, Msg::ChangedFields, Msg::RecsIntro, Msg::TitleLabel, Msg::TermsCount, Msg::LanguagesOfSix, Msg::NoTerms, Msg::ClauseLabel, Msg::TermLabel, Msg::Approved, Msg::Edition, Msg::ProvisionalName, Msg::SupersededBy, Msg::Summary, Msg::RecTerms, Msg::SgsIntro, Msg::TermsN, Msg::StudyPeriod, Msg::SgTerms, Msg::EqTitle, Msg::EqIntro, Msg::EqConcepts, Msg::ChartTitle, Msg::PeriodTitle, Msg::Show, Msg::PeriodHint, Msg::FiguresTitle, Msg::SameAsJson, Msg::ColLanguage, Msg::ColWithTerm, Msg::ColWithDefinition, Msg::ColAdopted, Msg::ColPending, Msg::ColMissing, Msg::ColCoverage, Msg::ColAdoptedInPeriod, Msg::ColBacklog, Msg::ColMedian, Msg::SignInTitle, Msg::SignInIntro, Msg::TokenLabel, Msg::TokenHint, Msg::SignInFailed, Msg::SignedInAs, Msg::QueueTranslator, Msg::QueueTranslatorIntro, Msg::QueueReviewer, Msg::QueueReviewerIntro, Msg::QueueAdmin, Msg::QueueAdminIntro, Msg::QueueRapporteur, Msg::QueueRapporteurIntro, Msg::QueueEmpty, Msg::ActionLabel, Msg::SubmittedOn, Msg::EditHeading, Msg::ConflictTitle, Msg::ConflictBody, Msg::CurrentSaved, Msg::ReferenceTexts, Msg::NoReference, Msg::AdmittedLines, Msg::DeprecatedLines, Msg::AbbreviationLines, Msg::NoteLines, Msg::SaveDraft, Msg::SaveAndSubmit, Msg::ProposeTitle, Msg::ProposeIntro, Msg::ProposeOne, Msg::ProposingSg, Msg::RecField, Msg::ClauseField, Msg::SynonymLines, Msg::NoteLinesTyped, Msg::OriginHere, Msg::OriginElsewhere, Msg::ReferenceField, Msg::CheckButton, Msg::SubmitProposal, Msg::LintTitle, Msg::LintNone, Msg::SevError, Msg::SevWarning, Msg::SimilarTitle, Msg::SimilarNone, Msg::SimilarConflict, Msg::ReasonSameTerm, Msg::ReasonNearTerm, Msg::ReasonNearDefinition, Msg::PasteTitle, Msg::PasteIntro, Msg::TextLanguage, Msg::DetectLanguage, Msg::PasteLabel, Msg::ShowEntries, Msg::PastedEntries, Msg::EntriesFound, Msg::EnglishOnlyNote, Msg::EditBeforeProposing, Msg::ProposeThis, Msg::DoneSaved, Msg::DoneSubmitted, Msg::DoneAdopted, Msg::DoneReturned, Msg::DoneAccepted, Msg::DoneCommented, Msg::DoneProposed, Msg::DoneSignedIn, Msg::DoneSignedOut, Msg::Details, Msg::BackToSearch, Msg::ErrNotFound, Msg::ErrNotFoundLead, Msg::ErrCsrf, Msg::ErrCsrfLead, Msg::ErrForbidden, Msg::ErrForbiddenLead, Msg::ErrSignIn, Msg::ErrSignInLead, Msg::ErrConflict, Msg::ErrConflictLead, Msg::ErrStaleLead, Msg::ErrInvalid, Msg::ErrInvalidLead, Msg::ErrServer, Msg::ErrServerLead, Msg::SecAbsent, Msg::SecDraft, Msg::SecSubmitted, Msg::SecAdopted, Msg::SecReturned, Msg::LangAr, Msg::LangZh, Msg::LangEn, Msg::LangFr, Msg::LangRu, Msg::LangEs, Msg::RoleAdmin, Msg::RoleRapporteur, Msg::RoleTranslator, Msg::RoleReviewer, Msg::RecDraft, Msg::RecDetermined, Msg::RecConsented, Msg::RecInForce, Msg::RecSuperseded, Msg::RecWithdrawn, Msg::HistPropose, Msg::HistAccept, Msg::HistReturn, Msg::HistMerge, Msg::HistEdit, Msg::HistSubmit, Msg::HistAdopt, Msg::HistComment, Msg::HistRevert, Msg::HistSupersede, Msg::HistCarry, Msg::HistImport, Msg::HistSeed];
}

/// The text of `m` in the interface language `ui`.
pub fn t(ui: Lang, m: Msg) -> &'static str {
    match ui {
        Lang::Ar => ar::text(m),
        Lang::Zh => zh::text(m),
        Lang::En => en::text(m),
        Lang::Fr => fr::text(m),
        Lang::Ru => ru::text(m),
        Lang::Es => es::text(m),
    }
}

/// The name of language `l` in the interface language.
pub fn lang_name(ui: Lang, l: Lang) -> &'static str {
    t(
        ui,
        match l {
            Lang::Ar => Msg::LangAr,
            Lang::Zh => Msg::LangZh,
            Lang::En => Msg::LangEn,
            Lang::Fr => Msg::LangFr,
            Lang::Ru => Msg::LangRu,
            Lang::Es => Msg::LangEs,
        },
    )
}

pub fn role_name(ui: Lang, r: Role) -> &'static str {
    t(
        ui,
        match r {
            Role::Admin => Msg::RoleAdmin,
            Role::Rapporteur => Msg::RoleRapporteur,
            Role::Translator => Msg::RoleTranslator,
            Role::Reviewer => Msg::RoleReviewer,
        },
    )
}

pub fn rec_status(ui: Lang, s: RecStatus) -> &'static str {
    t(
        ui,
        match s {
            RecStatus::Draft => Msg::RecDraft,
            RecStatus::Determined => Msg::RecDetermined,
            RecStatus::Consented => Msg::RecConsented,
            RecStatus::InForce => Msg::RecInForce,
            RecStatus::Superseded => Msg::RecSuperseded,
            RecStatus::Withdrawn => Msg::RecWithdrawn,
        },
    )
}

/// A history action (`adopt`, `edit`, …) in the interface language; an
/// action this version does not know is shown as recorded.
pub fn history_action(ui: Lang, action: &str) -> String {
    let m = match action {
        "propose" => Msg::HistPropose,
        "accept" => Msg::HistAccept,
        "return" => Msg::HistReturn,
        "merge" => Msg::HistMerge,
        "edit" => Msg::HistEdit,
        "submit" => Msg::HistSubmit,
        "adopt" => Msg::HistAdopt,
        "comment" => Msg::HistComment,
        "revert" => Msg::HistRevert,
        "supersede" => Msg::HistSupersede,
        "carry" => Msg::HistCarry,
        "import" => Msg::HistImport,
        "seed" => Msg::HistSeed,
        other => return other.to_string(),
    };
    t(ui, m).to_string()
}

/// The comma between two parts of a line (`ITU-T X.1332, clause 3.1.1`).
pub fn comma(ui: Lang) -> &'static str {
    match ui {
        Lang::Ar => "، ",
        Lang::Zh => "，",
        _ => ", ",
    }
}

/// The note marker as each language version of a Recommendation writes it
/// (`NOTE 1 –`, `注 1 –`): part of the text, so in the text's language.
pub fn note_label(l: Lang) -> &'static str {
    match l {
        Lang::Ar => "ملاحظة",
        Lang::Zh => "注",
        Lang::En => "NOTE",
        Lang::Fr => "NOTE",
        Lang::Ru => "ПРИМЕЧАНИЕ",
        Lang::Es => "NOTA",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(s: &str) -> Vec<String> {
        let mut out: Vec<String> = s.split('{').skip(1).filter_map(|p| p.split_once('}').map(|(k, _)| k.to_string())).collect();
        out.sort();
        out
    }

    #[test]
    fn every_message_exists_in_every_language_with_the_same_placeholders() {
        for m in Msg::ALL {
            let en = t(Lang::En, *m);
            for l in Lang::ALL {
                let s = t(l, *m);
                assert!(!s.trim().is_empty(), "{m:?} is empty in {l}");
                assert_eq!(placeholders(s), placeholders(en), "{m:?} in {l}");
            }
        }
    }

    #[test]
    fn languages_are_translated_not_copied() {
        for l in Lang::ALL.into_iter().filter(|l| *l != Lang::En) {
            let same: Vec<&Msg> = Msg::ALL.iter().filter(|m| t(l, **m) == t(Lang::En, **m)).collect();
            // A few are the same by nature ("Page", "Date", "Source", "Suggestions" in French).
            assert!(same.len() <= 6, "{l}: {} messages identical to English: {same:?}", same.len());
        }
    }

    #[test]
    fn arabic_and_chinese_texts_are_in_their_scripts() {
        let script = |s: &str, lo: u32, hi: u32| s.chars().any(|c| (lo..=hi).contains(&(c as u32)));
        for m in Msg::ALL {
            assert!(script(t(Lang::Ar, *m), 0x0600, 0x06FF), "{m:?} in Arabic");
            assert!(script(t(Lang::Zh, *m), 0x4E00, 0x9FFF), "{m:?} in Chinese");
            assert!(script(t(Lang::Ru, *m), 0x0400, 0x04FF), "{m:?} in Russian");
        }
    }
}
