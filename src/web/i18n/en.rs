//! Interface texts in English: labels, buttons and messages (not terminology).
//! Every message must be here: the match is exhaustive, so a missing one does not compile.
//! `{name}` placeholders are filled in by the pages.

use super::Msg::{self, *};

pub fn text(m: Msg) -> &'static str {
    match m {
        Tagline => r#"ITU-T multilingual terminology database"#,
        SkipToContent => r#"Skip to main content"#,
        MainNavigation => r#"Main navigation"#,
        NavSearch => r#"Search"#,
        NavRecommendations => r#"Recommendations"#,
        NavStudyGroups => r#"Study groups"#,
        NavEqualFooting => r#"Equal footing"#,
        NavQueue => r#"My work"#,
        NavPropose => r#"Propose terms"#,
        StaffSignIn => r#"Staff sign-in"#,
        SignIn => r#"Sign in"#,
        SignOut => r#"Sign out"#,
        InterfaceLanguage => r#"Interface language"#,
        FooterAbout => {
            r#"Hexaglot holds the terms and definitions of ITU-T Recommendations in the six official languages of the ITU, on an equal footing (WTSA Resolution 67)."#
        }
        FooterApi => r#"HTTP API (OpenAPI)"#,
        FooterFeed => r#"Adoptions feed (Atom)"#,
        Copied => r#"Copied"#,
        CopyFailed => r#"Could not copy"#,
        Copy => r#"Copy"#,
        CopyTerm => r#"Copy “{term}”"#,
        Suggestions => r#"Suggestions"#,
        SearchTitle => r#"Search ITU-T terms and definitions"#,
        SearchIntro => {
            r#"Terms defined in ITU-T Recommendations, in Arabic, Chinese, English, French, Russian and Spanish."#
        }
        SearchLabel => r#"Term or words of a definition"#,
        SearchPlaceholder => r#"e.g. smart meter, réseau, 智能电表"#,
        SearchButton => r#"Search"#,
        SearchIn => r#"Search in"#,
        AllLanguages => r#"All six languages"#,
        ShowLanguages => r#"Show equivalents in"#,
        Filters => r#"Filters"#,
        FieldLabel => r#"Look in"#,
        FieldAll => r#"Terms and definitions"#,
        FieldTerm => r#"Terms only"#,
        FieldDefinition => r#"Definitions only"#,
        ModeLabel => r#"Match"#,
        ModeAuto => r#"Best match"#,
        ModeExact => r#"Exact term"#,
        ModePrefix => r#"Starts with"#,
        ModeContains => r#"Contains the phrase"#,
        ModeFuzzy => r#"Similar spelling"#,
        StudyGroup => r#"Study group"#,
        AnyStudyGroup => r#"Any study group"#,
        Recommendation => r#"Recommendation"#,
        AnyRecommendation => r#"Any Recommendation"#,
        Status => r#"Status"#,
        AnyStatus => r#"Any status"#,
        StatusAccepted => r#"Current"#,
        StatusHistorical => r#"Historical"#,
        StatusProposed => r#"Proposed"#,
        StatusWithdrawn => r#"Withdrawn"#,
        DateLabel => r#"Date"#,
        DateUpdated => r#"Last updated"#,
        DateProposed => r#"Proposed"#,
        DateAccepted => r#"Accepted"#,
        DateAdopted => r#"Adopted"#,
        DateFrom => r#"From"#,
        DateTo => r#"To"#,
        ApplyFilters => r#"Apply"#,
        ClearFilters => r#"Clear filters"#,
        SearchProblems => r#"Some search options could not be used:"#,
        ResultsCount => r#"{n} concepts found"#,
        ResultsMoreThan => r#"More than {n} concepts found"#,
        PageOf => r#"Page {p} of {n}"#,
        PageLabel => r#"Page"#,
        Pages => r#"Result pages"#,
        Previous => r#"Previous"#,
        Next => r#"Next"#,
        NoResults => r#"No concept matches your search."#,
        NoResultsHint => r#"Check the spelling, search in all six languages, or remove a filter."#,
        MatchedTerm => r#"found in the {lang} term"#,
        MatchedDefinition => r#"found in the {lang} definition"#,
        ClauseN => r#"clause {c}"#,
        BrowseTitle => r#"Browse"#,
        SearchTips => {
            r#"Tips: put a phrase in quotation marks, add * to find the beginning of a word, and - before a word to leave it out."#
        }
        RecentTitle => r#"Recently accepted and adopted"#,
        RecentNone => r#"Nothing yet: new adoptions appear here."#,
        Breadcrumbs => r#"You are here"#,
        LanguagesHeading => r#"Languages"#,
        HistoricalLabel => r#"Historical entry."#,
        HistoricalBanner => {
            r#"The Recommendation that defined this term has been superseded; the entry is kept for reference and should not be used in new texts."#
        }
        ProposedBanner => r#"Proposal under consideration by TSB: visible to staff only."#,
        WithdrawnBanner => r#"This entry was withdrawn (for example, merged into another concept)."#,
        SourceLabel => r#"Source"#,
        StudyGroups => r#"Study groups"#,
        OriginLabel => r#"Where defined"#,
        DefinedHere => r#"In this Recommendation"#,
        DefinedElsewhere => r#"Defined elsewhere:"#,
        DefinedElsewhereNote => r#"This term is defined elsewhere ({ref}); the Recommendation uses that definition."#,
        ConceptIdLabel => r#"Concept"#,
        NoTextYet => r#"No adopted text in this language yet."#,
        AdoptedOn => r#"Adopted on {date}"#,
        TermPreferred => r#"Preferred term"#,
        TermAdmitted => r#"admitted"#,
        TermDeprecated => r#"deprecated"#,
        Abbreviation => r#"Abbreviation"#,
        Definition => r#"Definition"#,
        Translate => r#"Translate"#,
        Edit => r#"Edit"#,
        Revise => r#"Revise"#,
        Review => r#"Review"#,
        Open => r#"Open"#,
        SubmitForReview => r#"Submit for review"#,
        MeetingLabel => r#"SCV meeting (optional)"#,
        DocumentLabel => r#"Document (optional)"#,
        Adopt => r#"Adopt"#,
        ReturnReason => r#"Comment for the author (required to return)"#,
        ReturnWithComment => r#"Return with comment"#,
        AcceptProposal => r#"Accept proposal"#,
        ReturnToRapporteur => r#"Return to the rapporteur"#,
        DecideProposal => r#"Decide on this proposal"#,
        Comments => r#"Comments"#,
        NoComments => r#"No comments yet."#,
        AddComment => r#"Add a comment"#,
        CommentAbout => r#"About"#,
        WholeConcept => r#"The whole concept"#,
        PostComment => r#"Post comment"#,
        History => r#"History"#,
        ChangedFields => r#"Changed:"#,
        RecsIntro => r#"ITU-T Recommendations whose clause 3 defines terms held in Hexaglot."#,
        TitleLabel => r#"Title"#,
        TermsCount => r#"Terms"#,
        LanguagesOfSix => r#"{n} of 6 languages"#,
        NoTerms => r#"No terms yet."#,
        ClauseLabel => r#"Clause"#,
        TermLabel => r#"Term"#,
        Approved => r#"Approved"#,
        Edition => r#"Edition"#,
        ProvisionalName => r#"Provisional name"#,
        SupersededBy => r#"Superseded by"#,
        Summary => r#"Summary"#,
        RecTerms => r#"Terms defined in this Recommendation"#,
        SgsIntro => r#"The study groups of the current study period and the number of terms each uses."#,
        TermsN => r#"{n} terms"#,
        StudyPeriod => r#"Study period"#,
        SgTerms => r#"Terms used by this study group"#,
        EqTitle => r#"Six languages on an equal footing"#,
        EqIntro => {
            r#"WTSA Resolution 67 asks that terms be available in the six official languages on an equal footing. For each language: how many accepted terms have adopted text, how many are pending review and how many are missing."#
        }
        EqConcepts => r#"Accepted concepts: {n}"#,
        ChartTitle => r#"Adopted texts per language"#,
        PeriodTitle => r#"Period"#,
        Show => r#"Show"#,
        PeriodHint => r#"The period applies to “Adopted in the period” and to the median time to adoption."#,
        FiguresTitle => r#"Figures per language"#,
        SameAsJson => r#"The same figures as JSON"#,
        ColLanguage => r#"Language"#,
        ColWithTerm => r#"With a term"#,
        ColWithDefinition => r#"With a definition"#,
        ColAdopted => r#"Adopted"#,
        ColPending => r#"Pending review"#,
        ColMissing => r#"Missing"#,
        ColCoverage => r#"Coverage"#,
        ColAdoptedInPeriod => r#"Adopted in the period"#,
        ColBacklog => r#"Backlog"#,
        ColMedian => r#"Median days to adoption"#,
        ColAssistedAdopted => r#"Adopted with machine assistance"#,
        SignInTitle => r#"Staff sign-in"#,
        SignInIntro => {
            r#"Rapporteurs, translators, SCV reviewers and TSB staff sign in with the access token they received from the TSB administrator."#
        }
        TokenLabel => r#"Access token"#,
        TokenHint => r#"It starts with hxt_. Your session lasts 12 hours or until you sign out."#,
        SignInFailed => r#"This token is not valid, has expired or was revoked."#,
        SignedInAs => r#"Signed in as {name}"#,
        QueueTranslator => r#"Texts to translate"#,
        QueueTranslatorIntro => {
            r#"Accepted concepts still without adopted text in your languages; returned texts come first."#
        }
        QueueReviewer => r#"Texts to review"#,
        QueueReviewerIntro => {
            r#"Translations submitted in your languages, beside the English. Adopt them, or return them with a comment."#
        }
        QueueAdmin => r#"Proposals to accept"#,
        QueueAdminIntro => {
            r#"English terms proposed by study groups. Accept them, or return them to the rapporteur with a comment."#
        }
        QueueRapporteur => r#"Proposals of your study groups"#,
        QueueRapporteurIntro => r#"Proposals waiting for TSB, and those returned to you for revision."#,
        QueueEmpty => r#"Nothing is waiting for you."#,
        ActionLabel => r#"Action"#,
        SubmittedOn => r#"submitted on {date}"#,
        EditHeading => r#"{lang} text"#,
        ConflictTitle => r#"Someone else saved this concept first"#,
        ConflictBody => {
            r#"The concept changed after you opened this page (version {sent}, now {current}). Nothing of yours was saved. What you typed is kept below: compare it with the current text, then save again."#
        }
        CurrentSaved => r#"Current saved text"#,
        ReferenceTexts => r#"Reference texts"#,
        NoReference => r#"No adopted text to show yet."#,
        AdmittedLines => r#"Admitted terms (one per line)"#,
        DeprecatedLines => r#"Deprecated terms (one per line)"#,
        AbbreviationLines => r#"Abbreviations (one per line)"#,
        NoteLines => r#"Notes (one per line)"#,
        SaveDraft => r#"Save draft"#,
        SaveAndSubmit => r#"Save and submit for review"#,
        ProposeTitle => r#"Propose terms"#,
        ProposeIntro => {
            r#"Propose an English term and its definition for your study group. Each entry is checked against the rules of the Author's guide (Annex B) and compared with the terms of every study group before TSB accepts it."#
        }
        ProposeOne => r#"One entry"#,
        ProposingSg => r#"Proposing study group"#,
        RecField => r#"Recommendation"#,
        ClauseField => r#"Clause"#,
        SynonymLines => r#"Synonyms (one per line)"#,
        NoteLinesTyped => r#"Notes (one per line, e.g. NOTE – …)"#,
        OriginHere => r#"Defined in this Recommendation (clause 3.2)"#,
        OriginElsewhere => r#"Defined elsewhere (clause 3.1)"#,
        ReferenceField => r#"Reference of the defining document"#,
        CheckButton => r#"Check"#,
        SubmitProposal => r#"Submit proposal"#,
        LintTitle => r#"Author's guide checks"#,
        LintNone => r#"No problem found."#,
        SevError => r#"Error"#,
        SevWarning => r#"Warning"#,
        SimilarTitle => r#"Similar existing concepts"#,
        SimilarNone => r#"No similar concept found."#,
        SimilarConflict => {
            r#"Conflict: the same term is already defined by {sgs}. One term and one definition should be agreed."#
        }
        ReasonSameTerm => r#"same term"#,
        ReasonNearTerm => r#"similar term"#,
        ReasonNearDefinition => r#"similar definition"#,
        PasteTitle => r#"Paste clause 3"#,
        PasteIntro => {
            r#"Paste clause 3 “Definitions” of a draft Recommendation. Its entries are shown with their checks; nothing is submitted until you propose an entry."#
        }
        TextLanguage => r#"Language of the text"#,
        DetectLanguage => r#"Detect automatically"#,
        PasteLabel => r#"Text of clause 3"#,
        ShowEntries => r#"Show the entries"#,
        UploadTitle => r#"Upload Word files"#,
        UploadIntro => {
            r#"Or give the Word files (.docx) of a draft Recommendation, one or several language versions: their definitions are shown with their checks, as for pasted text; nothing is submitted until you propose an entry."#
        }
        UploadLabel => r#"Word files (.docx)"#,
        Harmonization => r#"Same term, other definitions (harmonization)"#,
        PastedEntries => r#"Entries of clause 3"#,
        EntriesFound => r#"Entries found: {n}"#,
        EnglishOnlyNote => {
            r#"Proposals are made in English. This text is shown with the existing concepts that match its English terms; translations are added once TSB has accepted the English entry."#
        }
        EditBeforeProposing => r#"Edit and check"#,
        ProposeThis => r#"Propose this entry"#,
        DoneSaved => r#"Your text was saved as a draft."#,
        DoneSubmitted => r#"Submitted for review."#,
        DoneAdopted => r#"Adopted: the text is now public."#,
        DoneReturned => r#"Returned with your comment."#,
        DoneAccepted => r#"Proposal accepted: the English entry is now public."#,
        DoneCommented => r#"Comment added."#,
        DoneProposed => r#"Proposal submitted to TSB."#,
        DoneSignedIn => r#"You are signed in."#,
        DoneSignedOut => r#"You are signed out."#,
        Details => r#"Details"#,
        BackToSearch => r#"Back to search"#,
        ErrNotFound => r#"Page not found"#,
        ErrNotFoundLead => r#"There is no page at this address, or the entry is not public."#,
        ErrCsrf => r#"Form refused"#,
        ErrCsrfLead => {
            r#"This form has expired or did not come from this site, so nothing was changed. Go back, reload the page and try again."#
        }
        ErrForbidden => r#"Not allowed"#,
        ErrForbiddenLead => r#"Your role does not allow this action."#,
        ErrSignIn => r#"Sign-in required"#,
        ErrSignInLead => r#"This page is for staff. Please sign in with your access token."#,
        ErrConflict => r#"This cannot be done now"#,
        ErrConflictLead => {
            r#"The entry is not in a state that allows this step (someone may have acted on it already)."#
        }
        ErrStaleLead => {
            r#"Someone else changed this entry after you opened the page; nothing was changed. Reload the page to see the current text."#
        }
        ErrInvalid => r#"Please check your input"#,
        ErrInvalidLead => r#"The text was not accepted:"#,
        ErrServer => r#"Something went wrong"#,
        ErrServerLead => {
            r#"The server could not complete this request. The administrator can find the details in the server log."#
        }
        SecAbsent => r#"Not started"#,
        SecDraft => r#"Draft"#,
        SecSubmitted => r#"Submitted for review"#,
        SecAdopted => r#"Adopted"#,
        SecReturned => r#"Returned"#,
        SecAssisted => r#"Machine-assisted"#,
        LangAr => r#"Arabic"#,
        LangZh => r#"Chinese"#,
        LangEn => r#"English"#,
        LangFr => r#"French"#,
        LangRu => r#"Russian"#,
        LangEs => r#"Spanish"#,
        RoleAdmin => r#"TSB administrator"#,
        RoleRapporteur => r#"Vocabulary rapporteur"#,
        RoleTranslator => r#"Translator"#,
        RoleReviewer => r#"SCV reviewer"#,
        RecDraft => r#"Draft"#,
        RecDetermined => r#"Determined"#,
        RecConsented => r#"Consented"#,
        RecInForce => r#"In force"#,
        RecSuperseded => r#"Superseded"#,
        RecWithdrawn => r#"Withdrawn"#,
        HistPropose => r#"Proposed"#,
        HistAccept => r#"Accepted"#,
        HistReturn => r#"Returned"#,
        HistMerge => r#"Merged"#,
        HistEdit => r#"Edited"#,
        HistSubmit => r#"Submitted"#,
        HistAdopt => r#"Adopted"#,
        HistComment => r#"Comment"#,
        HistRevert => r#"Reverted"#,
        HistSupersede => r#"Became historical"#,
        HistCarry => r#"Carried to the new Recommendation"#,
        HistImport => r#"Imported"#,
        HistSeed => r#"Initial data"#,
        WatchesTitle => r#"Your watches"#,
        WatchesIntro => {
            r#"Follow a study group, a language, a Recommendation or a concept; what changes there appears above each time you open this page."#
        }
        WatchesNone => r#"You are not watching anything yet."#,
        WatchAdd => r#"Watch"#,
        WatchRemove => r#"Stop watching"#,
        WatchAny => r#"Any"#,
        WatchNewsTitle => r#"New in your watches since your last visit"#,
        WatchNewsNone => r#"Nothing new in your watches since your last visit."#,
        DoneWatchAdded => r#"You are now watching this."#,
        DoneWatchRemoved => r#"You are no longer watching this."#,
        NavCheck => r#"Check a text"#,
        NavCheckTranslation => r#"Check a translation"#,
        CheckIntro => {
            r#"Paste a text or upload a file: every known ITU-T term in it is marked, with its definition and its adopted equivalents on hover or keyboard focus."#
        }
        CheckTextLabel => r#"Text to check"#,
        CheckFileLabel => r#"Or a file (.txt, .docx)"#,
        CheckFileHint => {
            r#"Up to 2 MiB of text or a Word file of 20 MiB; a chosen file takes the place of the pasted text."#
        }
        IncludePending => r#"Include drafts and proposals"#,
        CheckNoText => r#"Paste a text or choose a file."#,
        MarkedTextTitle => r#"The text with its terms marked"#,
        TermsFoundTitle => r#"Terms found"#,
        TermsFoundN => r#"Terms found: {n}"#,
        OccurrencesN => r#"Occurrences: {n}"#,
        NoTermsFound => r#"No known term was found in this text."#,
        ColOccurrences => r#"Occurrences"#,
        ColEquivalents => r#"Equivalents"#,
        ColRemarks => r#"Remarks"#,
        FlagDeprecated => r#"Deprecated term: use “{use}”"#,
        FlagNotAdopted => r#"No adopted term in {lang} yet"#,
        FlagConflict => r#"The same term also names:"#,
        DownloadCsv => r#"Download the list (CSV)"#,
        DownloadTbx => r#"Download as a glossary (TBX)"#,
        DownloadHint => {
            r#"A project glossary for a CAT tool: the terms found with their equivalents in the chosen languages."#
        }
        CheckAnother => r#"Check another text"#,
        CheckTranslationIntro => {
            r#"Paste or upload a source text and its translation: each term of the source is looked for in the translation, with its adopted equivalents in any inflected form."#
        }
        SourceTextTitle => r#"Source text"#,
        TargetTextTitle => r#"Translation"#,
        TextLabel => r#"Text"#,
        FindingsTitle => r#"Findings"#,
        FindingsN => r#"Findings: {n}"#,
        NoFindings => r#"No findings: every term of the source has one of its adopted equivalents in the translation."#,
        FindingMissing => r#"Missing equivalent"#,
        FindingDeprecated => r#"Deprecated term in the translation"#,
        FindingNonPreferred => r#"Non-preferred term in the translation"#,
        ExpectedLabel => r#"Expected"#,
        ColInSource => r#"In the source"#,
        ColInTarget => r#"In the translation"#,
        ParagraphN => r#"Paragraph {n}"#,
        WholeText => r#"Whole text"#,
        SourceTermsTitle => r#"Terms of the source"#,
        NotFound => r#"not found"#,
        ConceptLabel => r#"Concept"#,
        ErrTooMany => r#"Too many requests"#,
        ErrTooManyLead => {
            r#"Too many requests came from this address in the last minute. Wait a moment and try again, or sign in."#
        }
    }
}
