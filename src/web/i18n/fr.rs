//! Interface texts in French (Français): labels, buttons and messages (not terminology).
//! Every message must be here: the match is exhaustive, so a missing one does not compile.
//! `{name}` placeholders are filled in by the pages.

use super::Msg::{self, *};

pub fn text(m: Msg) -> &'static str {
    match m {
        Tagline => r#"Base de données terminologique multilingue de l'UIT-T"#,
        SkipToContent => r#"Aller au contenu principal"#,
        MainNavigation => r#"Navigation principale"#,
        NavSearch => r#"Recherche"#,
        NavRecommendations => r#"Recommandations"#,
        NavStudyGroups => r#"Commissions d'études"#,
        NavEqualFooting => r#"Égalité des langues"#,
        NavQueue => r#"Mon travail"#,
        NavPropose => r#"Proposer des termes"#,
        StaffSignIn => r#"Connexion du personnel"#,
        SignIn => r#"Se connecter"#,
        SignOut => r#"Se déconnecter"#,
        InterfaceLanguage => r#"Langue de l'interface"#,
        FooterAbout => {
            r#"Hexaglot réunit les termes et définitions des Recommandations UIT-T dans les six langues officielles de l'UIT, sur un pied d'égalité (Résolution 67 de l'AMNT)."#
        }
        FooterApi => r#"API HTTP (OpenAPI)"#,
        FooterFeed => r#"Flux des adoptions (Atom)"#,
        Copied => r#"Copié"#,
        CopyFailed => r#"Copie impossible"#,
        Copy => r#"Copier"#,
        CopyTerm => r#"Copier « {term} »"#,
        Suggestions => r#"Suggestions"#,
        SearchTitle => r#"Rechercher des termes et définitions de l'UIT-T"#,
        SearchIntro => {
            r#"Les termes définis dans les Recommandations UIT-T, en anglais, arabe, chinois, espagnol, français et russe."#
        }
        SearchLabel => r#"Terme ou mots d'une définition"#,
        SearchPlaceholder => r#"p. ex. compteur, smart meter, 智能电表"#,
        SearchButton => r#"Rechercher"#,
        SearchIn => r#"Rechercher en"#,
        AllLanguages => r#"Les six langues"#,
        ShowLanguages => r#"Afficher les équivalents en"#,
        Filters => r#"Filtres"#,
        FieldLabel => r#"Chercher dans"#,
        FieldAll => r#"Termes et définitions"#,
        FieldTerm => r#"Termes seulement"#,
        FieldDefinition => r#"Définitions seulement"#,
        ModeLabel => r#"Correspondance"#,
        ModeAuto => r#"Meilleure correspondance"#,
        ModeExact => r#"Terme exact"#,
        ModePrefix => r#"Commence par"#,
        ModeContains => r#"Contient l'expression"#,
        ModeFuzzy => r#"Orthographe proche"#,
        StudyGroup => r#"Commission d'études"#,
        AnyStudyGroup => r#"Toutes les commissions"#,
        Recommendation => r#"Recommandation"#,
        AnyRecommendation => r#"Toutes les Recommandations"#,
        Status => r#"Statut"#,
        AnyStatus => r#"Tous les statuts"#,
        StatusAccepted => r#"En vigueur"#,
        StatusHistorical => r#"Historique"#,
        StatusProposed => r#"Proposé"#,
        StatusWithdrawn => r#"Retiré"#,
        DateLabel => r#"Date"#,
        DateUpdated => r#"Dernière modification"#,
        DateProposed => r#"Proposition"#,
        DateAccepted => r#"Acceptation"#,
        DateAdopted => r#"Adoption"#,
        DateFrom => r#"Du"#,
        DateTo => r#"Au"#,
        ApplyFilters => r#"Appliquer"#,
        ClearFilters => r#"Effacer les filtres"#,
        SearchProblems => r#"Certaines options de recherche n'ont pas pu être utilisées :"#,
        ResultsCount => r#"Concepts trouvés : {n}"#,
        ResultsMoreThan => r#"Concepts trouvés : plus de {n}"#,
        PageOf => r#"Page {p} sur {n}"#,
        PageLabel => r#"Page"#,
        Pages => r#"Pages de résultats"#,
        Previous => r#"Précédent"#,
        Next => r#"Suivant"#,
        NoResults => r#"Aucun concept ne correspond à votre recherche."#,
        NoResultsHint => r#"Vérifiez l'orthographe, cherchez dans les six langues ou retirez un filtre."#,
        MatchedTerm => r#"trouvé dans le terme ({lang})"#,
        MatchedDefinition => r#"trouvé dans la définition ({lang})"#,
        ClauseN => r#"paragraphe {c}"#,
        BrowseTitle => r#"Parcourir"#,
        SearchTips => {
            r#"Astuces : mettez une expression entre guillemets, ajoutez * pour chercher un début de mot et - devant un mot pour l'exclure."#
        }
        RecentTitle => r#"Récemment acceptés et adoptés"#,
        RecentNone => r#"Rien pour l'instant : les nouvelles adoptions apparaîtront ici."#,
        Breadcrumbs => r#"Vous êtes ici"#,
        LanguagesHeading => r#"Langues"#,
        HistoricalLabel => r#"Entrée historique."#,
        HistoricalBanner => {
            r#"La Recommandation qui définissait ce terme a été remplacée ; l'entrée est conservée pour référence et ne doit pas être utilisée dans de nouveaux textes."#
        }
        ProposedBanner => r#"Proposition à l'examen du TSB : visible par le personnel seulement."#,
        WithdrawnBanner => r#"Cette entrée a été retirée (par exemple, fusionnée avec un autre concept)."#,
        SourceLabel => r#"Source"#,
        StudyGroups => r#"Commissions d'études"#,
        OriginLabel => r#"Lieu de définition"#,
        DefinedHere => r#"Dans cette Recommandation"#,
        DefinedElsewhere => r#"Défini ailleurs :"#,
        DefinedElsewhereNote => r#"Ce terme est défini ailleurs ({ref}) ; la Recommandation utilise cette définition."#,
        ConceptIdLabel => r#"Concept"#,
        NoTextYet => r#"Pas encore de texte adopté dans cette langue."#,
        AdoptedOn => r#"Adopté le {date}"#,
        TermPreferred => r#"Terme privilégié"#,
        TermAdmitted => r#"admis"#,
        TermDeprecated => r#"déconseillé"#,
        Abbreviation => r#"Abréviation"#,
        Definition => r#"Définition"#,
        Translate => r#"Traduire"#,
        Edit => r#"Modifier"#,
        Revise => r#"Réviser"#,
        Review => r#"Examiner"#,
        Open => r#"Ouvrir"#,
        SubmitForReview => r#"Soumettre pour examen"#,
        MeetingLabel => r#"Réunion du SCV (facultatif)"#,
        DocumentLabel => r#"Document (facultatif)"#,
        Adopt => r#"Adopter"#,
        ReturnReason => r#"Commentaire pour l'auteur (requis pour renvoyer)"#,
        ReturnWithComment => r#"Renvoyer avec commentaire"#,
        AcceptProposal => r#"Accepter la proposition"#,
        ReturnToRapporteur => r#"Renvoyer au rapporteur"#,
        DecideProposal => r#"Statuer sur cette proposition"#,
        Comments => r#"Commentaires"#,
        NoComments => r#"Aucun commentaire pour l'instant."#,
        AddComment => r#"Ajouter un commentaire"#,
        CommentAbout => r#"Concerne"#,
        WholeConcept => r#"Le concept entier"#,
        PostComment => r#"Publier le commentaire"#,
        History => r#"Historique"#,
        ChangedFields => r#"Modifié :"#,
        RecsIntro => r#"Les Recommandations UIT-T dont le paragraphe 3 définit des termes repris dans Hexaglot."#,
        TitleLabel => r#"Titre"#,
        TermsCount => r#"Termes"#,
        LanguagesOfSix => r#"{n} langues sur 6"#,
        NoTerms => r#"Aucun terme pour l'instant."#,
        ClauseLabel => r#"Paragraphe"#,
        TermLabel => r#"Terme"#,
        Approved => r#"Approuvée le"#,
        Edition => r#"Édition"#,
        ProvisionalName => r#"Nom provisoire"#,
        SupersededBy => r#"Remplacée par"#,
        Summary => r#"Résumé"#,
        RecTerms => r#"Termes définis dans cette Recommandation"#,
        SgsIntro => {
            r#"Les commissions d'études de la période d'études en cours et le nombre de termes utilisés par chacune."#
        }
        TermsN => r#"Termes : {n}"#,
        StudyPeriod => r#"Période d'études"#,
        SgTerms => r#"Termes utilisés par cette commission d'études"#,
        EqTitle => r#"Six langues sur un pied d'égalité"#,
        EqIntro => {
            r#"La Résolution 67 de l'AMNT demande que les termes soient disponibles dans les six langues officielles sur un pied d'égalité. Pour chaque langue : combien de termes acceptés ont un texte adopté, combien attendent un examen et combien manquent."#
        }
        EqConcepts => r#"Concepts acceptés : {n}"#,
        ChartTitle => r#"Textes adoptés par langue"#,
        PeriodTitle => r#"Période"#,
        Show => r#"Afficher"#,
        PeriodHint => r#"La période s'applique à « Adoptés pendant la période » et au délai médian d'adoption."#,
        FiguresTitle => r#"Chiffres par langue"#,
        SameAsJson => r#"Les mêmes chiffres en JSON"#,
        ColLanguage => r#"Langue"#,
        ColWithTerm => r#"Avec un terme"#,
        ColWithDefinition => r#"Avec une définition"#,
        ColAdopted => r#"Adoptés"#,
        ColPending => r#"En attente d'examen"#,
        ColMissing => r#"Manquants"#,
        ColCoverage => r#"Couverture"#,
        ColAdoptedInPeriod => r#"Adoptés pendant la période"#,
        ColBacklog => r#"Arriéré"#,
        ColMedian => r#"Délai médian d'adoption (jours)"#,
        ColAssistedAdopted => r#"Adoptés avec assistance automatique"#,
        SignInTitle => r#"Connexion du personnel"#,
        SignInIntro => {
            r#"Les rapporteurs, traducteurs, examinateurs du SCV et le personnel du TSB se connectent avec le jeton d'accès reçu de l'administrateur du TSB."#
        }
        TokenLabel => r#"Jeton d'accès"#,
        TokenHint => r#"Il commence par hxt_. La session dure 12 heures ou jusqu'à la déconnexion."#,
        SignInFailed => r#"Ce jeton n'est pas valide, a expiré ou a été révoqué."#,
        SignedInAs => r#"Connecté en tant que {name}"#,
        QueueTranslator => r#"Textes à traduire"#,
        QueueTranslatorIntro => {
            r#"Concepts acceptés encore sans texte adopté dans vos langues ; les textes renvoyés apparaissent en premier."#
        }
        QueueReviewer => r#"Textes à examiner"#,
        QueueReviewerIntro => {
            r#"Traductions soumises dans vos langues, à côté de l'anglais. Adoptez-les ou renvoyez-les avec un commentaire."#
        }
        QueueAdmin => r#"Propositions à accepter"#,
        QueueAdminIntro => {
            r#"Termes anglais proposés par les commissions d'études. Acceptez-les ou renvoyez-les au rapporteur avec un commentaire."#
        }
        QueueRapporteur => r#"Propositions de vos commissions d'études"#,
        QueueRapporteurIntro => r#"Propositions en attente du TSB et celles qui vous ont été renvoyées pour révision."#,
        QueueEmpty => r#"Rien ne vous attend."#,
        ActionLabel => r#"Action"#,
        SubmittedOn => r#"soumis le {date}"#,
        EditHeading => r#"Texte en {lang}"#,
        ConflictTitle => r#"Quelqu'un d'autre a enregistré ce concept avant vous"#,
        ConflictBody => {
            r#"Le concept a changé après l'ouverture de cette page (version {sent}, maintenant {current}). Rien n'a été enregistré. Votre saisie est conservée ci-dessous : comparez-la au texte actuel, puis enregistrez de nouveau."#
        }
        CurrentSaved => r#"Texte enregistré actuel"#,
        ReferenceTexts => r#"Textes de référence"#,
        NoReference => r#"Aucun texte adopté à afficher pour l'instant."#,
        AdmittedLines => r#"Termes admis (un par ligne)"#,
        DeprecatedLines => r#"Termes déconseillés (un par ligne)"#,
        AbbreviationLines => r#"Abréviations (une par ligne)"#,
        NoteLines => r#"Notes (une par ligne)"#,
        SaveDraft => r#"Enregistrer le brouillon"#,
        SaveAndSubmit => r#"Enregistrer et soumettre pour examen"#,
        ProposeTitle => r#"Proposer des termes"#,
        ProposeIntro => {
            r#"Proposez un terme anglais et sa définition pour votre commission d'études. Chaque entrée est vérifiée au regard des règles du Guide de l'auteur (Annexe B) et comparée aux termes de toutes les commissions d'études avant son acceptation par le TSB."#
        }
        ProposeOne => r#"Une entrée"#,
        ProposingSg => r#"Commission d'études auteur de la proposition"#,
        RecField => r#"Recommandation"#,
        ClauseField => r#"Paragraphe"#,
        SynonymLines => r#"Synonymes (un par ligne)"#,
        NoteLinesTyped => r#"Notes (une par ligne, p. ex. NOTE – …)"#,
        OriginHere => r#"Défini dans cette Recommandation (paragraphe 3.2)"#,
        OriginElsewhere => r#"Défini ailleurs (paragraphe 3.1)"#,
        ReferenceField => r#"Référence du document de définition"#,
        CheckButton => r#"Vérifier"#,
        SubmitProposal => r#"Soumettre la proposition"#,
        LintTitle => r#"Vérifications du Guide de l'auteur"#,
        LintNone => r#"Aucun problème détecté."#,
        SevError => r#"Erreur"#,
        SevWarning => r#"Avertissement"#,
        SimilarTitle => r#"Concepts similaires existants"#,
        SimilarNone => r#"Aucun concept similaire trouvé."#,
        SimilarConflict => {
            r#"Conflit : le même terme est déjà défini par {sgs}. Il faut convenir d'un seul terme et d'une seule définition."#
        }
        ReasonSameTerm => r#"même terme"#,
        ReasonNearTerm => r#"terme proche"#,
        ReasonNearDefinition => r#"définition proche"#,
        PasteTitle => r#"Coller le paragraphe 3"#,
        PasteIntro => {
            r#"Collez le paragraphe 3 « Définitions » d'un projet de Recommandation. Ses entrées s'affichent avec leurs vérifications ; rien n'est soumis avant que vous ne proposiez une entrée."#
        }
        TextLanguage => r#"Langue du texte"#,
        DetectLanguage => r#"Détecter automatiquement"#,
        PasteLabel => r#"Texte du paragraphe 3"#,
        ShowEntries => r#"Afficher les entrées"#,
        UploadTitle => r#"Téléverser des fichiers Word"#,
        UploadIntro => {
            r#"Ou donnez les fichiers Word (.docx) d’un projet de Recommandation, une ou plusieurs versions linguistiques : leurs définitions sont affichées avec leurs vérifications, comme pour un texte collé ; rien n’est soumis tant que vous ne proposez pas une entrée."#
        }
        UploadLabel => r#"Fichiers Word (.docx)"#,
        Harmonization => r#"Même terme, autres définitions (harmonisation)"#,
        PastedEntries => r#"Entrées du paragraphe 3"#,
        EntriesFound => r#"Entrées trouvées : {n}"#,
        EnglishOnlyNote => {
            r#"Les propositions se font en anglais. Ce texte est affiché avec les concepts existants qui correspondent à ses termes anglais ; les traductions sont ajoutées une fois l'entrée anglaise acceptée par le TSB."#
        }
        EditBeforeProposing => r#"Modifier et vérifier"#,
        ProposeThis => r#"Proposer cette entrée"#,
        DoneSaved => r#"Votre texte a été enregistré comme brouillon."#,
        DoneSubmitted => r#"Soumis pour examen."#,
        DoneAdopted => r#"Adopté : le texte est maintenant public."#,
        DoneReturned => r#"Renvoyé avec votre commentaire."#,
        DoneAccepted => r#"Proposition acceptée : l'entrée anglaise est maintenant publique."#,
        DoneCommented => r#"Commentaire ajouté."#,
        DoneProposed => r#"Proposition soumise au TSB."#,
        DoneSignedIn => r#"Vous êtes connecté."#,
        DoneSignedOut => r#"Vous êtes déconnecté."#,
        Details => r#"Détails"#,
        BackToSearch => r#"Retour à la recherche"#,
        ErrNotFound => r#"Page introuvable"#,
        ErrNotFoundLead => r#"Il n'y a pas de page à cette adresse, ou l'entrée n'est pas publique."#,
        ErrCsrf => r#"Formulaire refusé"#,
        ErrCsrfLead => {
            r#"Ce formulaire a expiré ou ne provient pas de ce site ; rien n'a été modifié. Revenez en arrière, rechargez la page et réessayez."#
        }
        ErrForbidden => r#"Action non autorisée"#,
        ErrForbiddenLead => r#"Votre rôle ne permet pas cette action."#,
        ErrSignIn => r#"Connexion requise"#,
        ErrSignInLead => r#"Cette page est réservée au personnel. Connectez-vous avec votre jeton d'accès."#,
        ErrConflict => r#"Action impossible pour le moment"#,
        ErrConflictLead => {
            r#"L'entrée n'est pas dans un état qui permet cette étape (quelqu'un l'a peut-être déjà traitée)."#
        }
        ErrStaleLead => {
            r#"Quelqu'un d'autre a modifié cette entrée après l'ouverture de la page ; rien n'a été modifié. Rechargez la page pour voir le texte actuel."#
        }
        ErrInvalid => r#"Veuillez vérifier votre saisie"#,
        ErrInvalidLead => r#"Le texte n'a pas été accepté :"#,
        ErrServer => r#"Une erreur s'est produite"#,
        ErrServerLead => {
            r#"Le serveur n'a pas pu traiter cette demande. L'administrateur trouvera les détails dans le journal du serveur."#
        }
        SecAbsent => r#"Non commencé"#,
        SecDraft => r#"Brouillon"#,
        SecSubmitted => r#"Soumis pour examen"#,
        SecAdopted => r#"Adopté"#,
        SecReturned => r#"Renvoyé"#,
        SecAssisted => r#"Assisté par machine"#,
        LangAr => r#"arabe"#,
        LangZh => r#"chinois"#,
        LangEn => r#"anglais"#,
        LangFr => r#"français"#,
        LangRu => r#"russe"#,
        LangEs => r#"espagnol"#,
        RoleAdmin => r#"Administrateur du TSB"#,
        RoleRapporteur => r#"Rapporteur pour le vocabulaire"#,
        RoleTranslator => r#"Traducteur"#,
        RoleReviewer => r#"Examinateur du SCV"#,
        RecDraft => r#"Projet"#,
        RecDetermined => r#"Déterminée"#,
        RecConsented => r#"Consentie"#,
        RecInForce => r#"En vigueur"#,
        RecSuperseded => r#"Remplacée"#,
        RecWithdrawn => r#"Supprimée"#,
        HistPropose => r#"Proposition"#,
        HistAccept => r#"Acceptation"#,
        HistReturn => r#"Renvoi"#,
        HistMerge => r#"Fusion"#,
        HistEdit => r#"Modification"#,
        HistSubmit => r#"Soumission"#,
        HistAdopt => r#"Adoption"#,
        HistComment => r#"Commentaire"#,
        HistRevert => r#"Rétablissement"#,
        HistSupersede => r#"Devenu historique"#,
        HistCarry => r#"Reporté dans la nouvelle Recommandation"#,
        HistImport => r#"Importation"#,
        HistSeed => r#"Données initiales"#,
        WatchesTitle => r#"Vos suivis"#,
        WatchesIntro => {
            r#"Suivez une commission d'études, une langue, une Recommandation ou un concept ; ce qui y change s'affiche ci-dessus chaque fois que vous ouvrez cette page."#
        }
        WatchesNone => r#"Vous ne suivez encore rien."#,
        WatchAdd => r#"Suivre"#,
        WatchRemove => r#"Ne plus suivre"#,
        WatchAny => r#"Indifférent"#,
        WatchNewsTitle => r#"Nouveautés dans vos suivis depuis votre dernière visite"#,
        WatchNewsNone => r#"Rien de nouveau dans vos suivis depuis votre dernière visite."#,
        DoneWatchAdded => r#"Vous suivez désormais cet élément."#,
        DoneWatchRemoved => r#"Vous ne suivez plus cet élément."#,
        NavCheck => r#"Vérifier un texte"#,
        NavCheckTranslation => r#"Vérifier une traduction"#,
        CheckIntro => {
            r#"Collez un texte ou téléversez un fichier : chaque terme UIT-T connu y est signalé, avec sa définition et ses équivalents adoptés au survol ou au focus clavier."#
        }
        CheckTextLabel => r#"Texte à vérifier"#,
        CheckFileLabel => r#"Ou un fichier (.txt, .docx)"#,
        CheckFileHint => {
            r#"Jusqu'à 2 Mio de texte ou un fichier Word de 20 Mio ; un fichier choisi remplace le texte collé."#
        }
        IncludePending => r#"Inclure les brouillons et les propositions"#,
        CheckNoText => r#"Collez un texte ou choisissez un fichier."#,
        MarkedTextTitle => r#"Le texte et ses termes signalés"#,
        TermsFoundTitle => r#"Termes trouvés"#,
        TermsFoundN => r#"Termes trouvés : {n}"#,
        OccurrencesN => r#"Occurrences : {n}"#,
        NoTermsFound => r#"Aucun terme connu n'a été trouvé dans ce texte."#,
        ColOccurrences => r#"Nombre d'occurrences"#,
        ColEquivalents => r#"Équivalents"#,
        ColRemarks => r#"Remarques"#,
        FlagDeprecated => r#"Terme déconseillé : employer « {use} »"#,
        FlagNotAdopted => r#"Pas encore de terme adopté en {lang}"#,
        FlagConflict => r#"Le même terme désigne aussi :"#,
        DownloadCsv => r#"Télécharger la liste (CSV)"#,
        DownloadTbx => r#"Télécharger comme glossaire (TBX)"#,
        DownloadHint => {
            r#"Un glossaire de projet pour un outil de TAO : les termes trouvés et leurs équivalents dans les langues choisies."#
        }
        CheckAnother => r#"Vérifier un autre texte"#,
        CheckTranslationIntro => {
            r#"Collez ou téléversez un texte source et sa traduction : chaque terme du texte source est recherché dans la traduction, avec ses équivalents adoptés sous toutes leurs formes fléchies."#
        }
        SourceTextTitle => r#"Texte source"#,
        TargetTextTitle => r#"Traduction"#,
        TextLabel => r#"Texte"#,
        FindingsTitle => r#"Constats"#,
        FindingsN => r#"Constats : {n}"#,
        NoFindings => {
            r#"Aucun constat : chaque terme du texte source a l'un de ses équivalents adoptés dans la traduction."#
        }
        FindingMissing => r#"Équivalent absent"#,
        FindingDeprecated => r#"Terme déconseillé dans la traduction"#,
        FindingNonPreferred => r#"Terme non privilégié dans la traduction"#,
        ExpectedLabel => r#"Attendu"#,
        ColInSource => r#"Dans le texte source"#,
        ColInTarget => r#"Dans la traduction"#,
        ParagraphN => r#"Paragraphe {n}"#,
        WholeText => r#"Texte entier"#,
        SourceTermsTitle => r#"Termes du texte source"#,
        NotFound => r#"introuvable"#,
        ConceptLabel => r#"Notion"#,
        ErrTooMany => r#"Trop de requêtes"#,
        ErrTooManyLead => {
            r#"Trop de requêtes sont venues de cette adresse au cours de la dernière minute. Patientez un instant et réessayez, ou connectez-vous."#
        }
    }
}
