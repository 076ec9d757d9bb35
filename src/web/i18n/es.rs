//! Interface texts in Spanish (Español): labels, buttons and messages (not terminology).
//! Every message must be here: the match is exhaustive, so a missing one does not compile.
//! `{name}` placeholders are filled in by the pages.

use super::Msg::{self, *};

pub fn text(m: Msg) -> &'static str {
    match m {
        Tagline => r#"Base de datos terminológica multilingüe del UIT-T"#,
        SkipToContent => r#"Ir al contenido principal"#,
        MainNavigation => r#"Navegación principal"#,
        NavSearch => r#"Búsqueda"#,
        NavRecommendations => r#"Recomendaciones"#,
        NavStudyGroups => r#"Comisiones de estudio"#,
        NavEqualFooting => r#"Igualdad de idiomas"#,
        NavQueue => r#"Mi trabajo"#,
        NavPropose => r#"Proponer términos"#,
        StaffSignIn => r#"Acceso del personal"#,
        SignIn => r#"Iniciar sesión"#,
        SignOut => r#"Cerrar sesión"#,
        InterfaceLanguage => r#"Idioma de la interfaz"#,
        FooterAbout => {
            r#"Hexaglot reúne los términos y definiciones de las Recomendaciones UIT-T en los seis idiomas oficiales de la UIT, en pie de igualdad (Resolución 67 de la AMNT)."#
        }
        FooterApi => r#"API HTTP (OpenAPI)"#,
        FooterFeed => r#"Canal de adopciones (Atom)"#,
        Copied => r#"Copiado"#,
        CopyFailed => r#"No se pudo copiar"#,
        Copy => r#"Copiar"#,
        CopyTerm => r#"Copiar «{term}»"#,
        Suggestions => r#"Sugerencias"#,
        SearchTitle => r#"Buscar términos y definiciones del UIT-T"#,
        SearchIntro => {
            r#"Términos definidos en las Recomendaciones UIT-T, en árabe, chino, español, francés, inglés y ruso."#
        }
        SearchLabel => r#"Término o palabras de una definición"#,
        SearchPlaceholder => r#"p. ej. red, smart meter, 智能电表"#,
        SearchButton => r#"Buscar"#,
        SearchIn => r#"Buscar en"#,
        AllLanguages => r#"Los seis idiomas"#,
        ShowLanguages => r#"Mostrar equivalentes en"#,
        Filters => r#"Filtros"#,
        FieldLabel => r#"Buscar en los campos"#,
        FieldAll => r#"Términos y definiciones"#,
        FieldTerm => r#"Solo términos"#,
        FieldDefinition => r#"Solo definiciones"#,
        ModeLabel => r#"Coincidencia"#,
        ModeAuto => r#"Mejor coincidencia"#,
        ModeExact => r#"Término exacto"#,
        ModePrefix => r#"Empieza por"#,
        ModeContains => r#"Contiene la frase"#,
        ModeFuzzy => r#"Ortografía parecida"#,
        StudyGroup => r#"Comisión de estudio"#,
        AnyStudyGroup => r#"Todas las comisiones"#,
        Recommendation => r#"Recomendación"#,
        AnyRecommendation => r#"Todas las Recomendaciones"#,
        Status => r#"Estado"#,
        AnyStatus => r#"Cualquier estado"#,
        StatusAccepted => r#"Vigente"#,
        StatusHistorical => r#"Histórico"#,
        StatusProposed => r#"Propuesto"#,
        StatusWithdrawn => r#"Retirado"#,
        DateLabel => r#"Fecha"#,
        DateUpdated => r#"Última actualización"#,
        DateProposed => r#"Propuesta"#,
        DateAccepted => r#"Aceptación"#,
        DateAdopted => r#"Adopción"#,
        DateFrom => r#"Desde"#,
        DateTo => r#"Hasta"#,
        ApplyFilters => r#"Aplicar"#,
        ClearFilters => r#"Quitar filtros"#,
        SearchProblems => r#"Algunas opciones de búsqueda no se pudieron usar:"#,
        ResultsCount => r#"Conceptos encontrados: {n}"#,
        ResultsMoreThan => r#"Conceptos encontrados: más de {n}"#,
        PageOf => r#"Página {p} de {n}"#,
        PageLabel => r#"Página"#,
        Pages => r#"Páginas de resultados"#,
        Previous => r#"Anterior"#,
        Next => r#"Siguiente"#,
        NoResults => r#"Ningún concepto coincide con su búsqueda."#,
        NoResultsHint => r#"Revise la ortografía, busque en los seis idiomas o quite un filtro."#,
        MatchedTerm => r#"encontrado en el término ({lang})"#,
        MatchedDefinition => r#"encontrado en la definición ({lang})"#,
        ClauseN => r#"cláusula {c}"#,
        BrowseTitle => r#"Explorar"#,
        SearchTips => {
            r#"Consejos: ponga una frase entre comillas, añada * para buscar el comienzo de una palabra y - delante de una palabra para excluirla."#
        }
        RecentTitle => r#"Aceptados y adoptados recientemente"#,
        RecentNone => r#"Nada por ahora: las nuevas adopciones aparecerán aquí."#,
        Breadcrumbs => r#"Usted está aquí"#,
        LanguagesHeading => r#"Idiomas"#,
        HistoricalLabel => r#"Entrada histórica."#,
        HistoricalBanner => {
            r#"La Recomendación que definía este término ha sido sustituida; la entrada se conserva como referencia y no debe utilizarse en textos nuevos."#
        }
        ProposedBanner => r#"Propuesta en examen por la TSB: visible solo para el personal."#,
        WithdrawnBanner => r#"Esta entrada fue retirada (por ejemplo, fusionada con otro concepto)."#,
        SourceLabel => r#"Fuente"#,
        StudyGroups => r#"Comisiones de estudio"#,
        OriginLabel => r#"Dónde se define"#,
        DefinedHere => r#"En esta Recomendación"#,
        DefinedElsewhere => r#"Definido en otro documento:"#,
        DefinedElsewhereNote => {
            r#"Este término está definido en otro documento ({ref}); la Recomendación utiliza esa definición."#
        }
        ConceptIdLabel => r#"Concepto"#,
        NoTextYet => r#"Aún no hay texto adoptado en este idioma."#,
        AdoptedOn => r#"Adoptado el {date}"#,
        TermPreferred => r#"Término preferente"#,
        TermAdmitted => r#"admitido"#,
        TermDeprecated => r#"desaconsejado"#,
        Abbreviation => r#"Abreviatura"#,
        Definition => r#"Definición"#,
        Translate => r#"Traducir"#,
        Edit => r#"Editar"#,
        Revise => r#"Revisar"#,
        Review => r#"Examinar"#,
        Open => r#"Abrir"#,
        SubmitForReview => r#"Enviar para examen"#,
        MeetingLabel => r#"Reunión del SCV (opcional)"#,
        DocumentLabel => r#"Documento (opcional)"#,
        Adopt => r#"Adoptar"#,
        ReturnReason => r#"Comentario para el autor (necesario para devolver)"#,
        ReturnWithComment => r#"Devolver con comentario"#,
        AcceptProposal => r#"Aceptar la propuesta"#,
        ReturnToRapporteur => r#"Devolver al relator"#,
        DecideProposal => r#"Decidir sobre esta propuesta"#,
        Comments => r#"Comentarios"#,
        NoComments => r#"Todavía no hay comentarios."#,
        AddComment => r#"Añadir un comentario"#,
        CommentAbout => r#"Sobre"#,
        WholeConcept => r#"El concepto completo"#,
        PostComment => r#"Publicar el comentario"#,
        History => r#"Historial"#,
        ChangedFields => r#"Cambios:"#,
        RecsIntro => r#"Recomendaciones UIT-T cuya cláusula 3 define términos recogidos en Hexaglot."#,
        TitleLabel => r#"Título"#,
        TermsCount => r#"Términos"#,
        LanguagesOfSix => r#"{n} de 6 idiomas"#,
        NoTerms => r#"Todavía no hay términos."#,
        ClauseLabel => r#"Cláusula"#,
        TermLabel => r#"Término"#,
        Approved => r#"Aprobada el"#,
        Edition => r#"Edición"#,
        ProvisionalName => r#"Nombre provisional"#,
        SupersededBy => r#"Sustituida por"#,
        Summary => r#"Resumen"#,
        RecTerms => r#"Términos definidos en esta Recomendación"#,
        SgsIntro => {
            r#"Las comisiones de estudio del periodo de estudios en curso y el número de términos que utiliza cada una."#
        }
        TermsN => r#"Términos: {n}"#,
        StudyPeriod => r#"Periodo de estudios"#,
        SgTerms => r#"Términos utilizados por esta comisión de estudio"#,
        EqTitle => r#"Seis idiomas en pie de igualdad"#,
        EqIntro => {
            r#"La Resolución 67 de la AMNT pide que los términos estén disponibles en los seis idiomas oficiales en pie de igualdad. Para cada idioma: cuántos términos aceptados tienen texto adoptado, cuántos esperan examen y cuántos faltan."#
        }
        EqConcepts => r#"Conceptos aceptados: {n}"#,
        ChartTitle => r#"Textos adoptados por idioma"#,
        PeriodTitle => r#"Periodo"#,
        Show => r#"Mostrar"#,
        PeriodHint => {
            r#"El periodo se aplica a «Adoptados en el periodo» y a la mediana del tiempo hasta la adopción."#
        }
        FiguresTitle => r#"Cifras por idioma"#,
        SameAsJson => r#"Las mismas cifras en JSON"#,
        ColLanguage => r#"Idioma"#,
        ColWithTerm => r#"Con término"#,
        ColWithDefinition => r#"Con definición"#,
        ColAdopted => r#"Adoptados"#,
        ColPending => r#"Pendientes de examen"#,
        ColMissing => r#"Faltan"#,
        ColCoverage => r#"Cobertura"#,
        ColAdoptedInPeriod => r#"Adoptados en el periodo"#,
        ColBacklog => r#"Atraso"#,
        ColMedian => r#"Mediana de días hasta la adopción"#,
        ColAssistedAdopted => r#"Adoptados con asistencia automática"#,
        SignInTitle => r#"Acceso del personal"#,
        SignInIntro => {
            r#"Los relatores, traductores, revisores del SCV y el personal de la TSB inician sesión con el token de acceso recibido del administrador de la TSB."#
        }
        TokenLabel => r#"Token de acceso"#,
        TokenHint => r#"Empieza por hxt_. La sesión dura 12 horas o hasta que la cierre."#,
        SignInFailed => r#"Este token no es válido, ha caducado o fue revocado."#,
        SignedInAs => r#"Sesión iniciada como {name}"#,
        QueueTranslator => r#"Textos por traducir"#,
        QueueTranslatorIntro => {
            r#"Conceptos aceptados que aún no tienen texto adoptado en sus idiomas; los textos devueltos aparecen primero."#
        }
        QueueReviewer => r#"Textos por examinar"#,
        QueueReviewerIntro => {
            r#"Traducciones enviadas en sus idiomas, junto al inglés. Adóptelas o devuélvalas con un comentario."#
        }
        QueueAdmin => r#"Propuestas por aceptar"#,
        QueueAdminIntro => {
            r#"Términos en inglés propuestos por las comisiones de estudio. Acéptelos o devuélvalos al relator con un comentario."#
        }
        QueueRapporteur => r#"Propuestas de sus comisiones de estudio"#,
        QueueRapporteurIntro => r#"Propuestas en espera de la TSB y las que se le han devuelto para revisión."#,
        QueueEmpty => r#"No hay nada pendiente para usted."#,
        ActionLabel => r#"Acción"#,
        SubmittedOn => r#"enviado el {date}"#,
        EditHeading => r#"Texto en {lang}"#,
        ConflictTitle => r#"Otra persona guardó este concepto antes que usted"#,
        ConflictBody => {
            r#"El concepto cambió después de abrir esta página (versión {sent}, ahora {current}). No se guardó nada. Lo que escribió se conserva abajo: compárelo con el texto actual y vuelva a guardar."#
        }
        CurrentSaved => r#"Texto guardado actual"#,
        ReferenceTexts => r#"Textos de referencia"#,
        NoReference => r#"Aún no hay texto adoptado que mostrar."#,
        AdmittedLines => r#"Términos admitidos (uno por línea)"#,
        DeprecatedLines => r#"Términos desaconsejados (uno por línea)"#,
        AbbreviationLines => r#"Abreviaturas (una por línea)"#,
        NoteLines => r#"Notas (una por línea)"#,
        SaveDraft => r#"Guardar borrador"#,
        SaveAndSubmit => r#"Guardar y enviar para examen"#,
        ProposeTitle => r#"Proponer términos"#,
        ProposeIntro => {
            r#"Proponga un término en inglés y su definición para su comisión de estudio. Cada entrada se verifica con las reglas de la Guía del autor (Anexo B) y se compara con los términos de todas las comisiones de estudio antes de que la TSB la acepte."#
        }
        ProposeOne => r#"Una entrada"#,
        ProposingSg => r#"Comisión de estudio proponente"#,
        RecField => r#"Recomendación"#,
        ClauseField => r#"Cláusula"#,
        SynonymLines => r#"Sinónimos (uno por línea)"#,
        NoteLinesTyped => r#"Notas (una por línea, p. ej. NOTE – …)"#,
        OriginHere => r#"Definido en esta Recomendación (cláusula 3.2)"#,
        OriginElsewhere => r#"Definido en otro documento (cláusula 3.1)"#,
        ReferenceField => r#"Referencia del documento que lo define"#,
        CheckButton => r#"Verificar"#,
        SubmitProposal => r#"Enviar la propuesta"#,
        LintTitle => r#"Verificaciones de la Guía del autor"#,
        LintNone => r#"No se encontró ningún problema."#,
        SevError => r#"Error"#,
        SevWarning => r#"Advertencia"#,
        SimilarTitle => r#"Conceptos similares existentes"#,
        SimilarNone => r#"No se encontró ningún concepto similar."#,
        SimilarConflict => {
            r#"Conflicto: el mismo término ya está definido por {sgs}. Debe acordarse un solo término y una sola definición."#
        }
        ReasonSameTerm => r#"mismo término"#,
        ReasonNearTerm => r#"término parecido"#,
        ReasonNearDefinition => r#"definición parecida"#,
        PasteTitle => r#"Pegar la cláusula 3"#,
        PasteIntro => {
            r#"Pegue la cláusula 3 «Definiciones» de un proyecto de Recomendación. Sus entradas se muestran con sus verificaciones; no se envía nada hasta que proponga una entrada."#
        }
        TextLanguage => r#"Idioma del texto"#,
        DetectLanguage => r#"Detectar automáticamente"#,
        PasteLabel => r#"Texto de la cláusula 3"#,
        ShowEntries => r#"Mostrar las entradas"#,
        UploadTitle => r#"Subir archivos Word"#,
        UploadIntro => {
            r#"O entregue los archivos Word (.docx) de un proyecto de Recomendación, una o varias versiones lingüísticas: sus definiciones se muestran con sus comprobaciones, como para un texto pegado; no se presenta nada hasta que proponga una entrada."#
        }
        UploadLabel => r#"Archivos Word (.docx)"#,
        Harmonization => r#"Mismo término, otras definiciones (armonización)"#,
        PastedEntries => r#"Entradas de la cláusula 3"#,
        EntriesFound => r#"Entradas encontradas: {n}"#,
        EnglishOnlyNote => {
            r#"Las propuestas se hacen en inglés. Este texto se muestra con los conceptos existentes que coinciden con sus términos en inglés; las traducciones se añaden una vez que la TSB acepta la entrada en inglés."#
        }
        EditBeforeProposing => r#"Editar y verificar"#,
        ProposeThis => r#"Proponer esta entrada"#,
        DoneSaved => r#"Su texto se guardó como borrador."#,
        DoneSubmitted => r#"Enviado para examen."#,
        DoneAdopted => r#"Adoptado: el texto ya es público."#,
        DoneReturned => r#"Devuelto con su comentario."#,
        DoneAccepted => r#"Propuesta aceptada: la entrada en inglés ya es pública."#,
        DoneCommented => r#"Comentario añadido."#,
        DoneProposed => r#"Propuesta enviada a la TSB."#,
        DoneSignedIn => r#"Ha iniciado sesión."#,
        DoneSignedOut => r#"Ha cerrado la sesión."#,
        Details => r#"Detalles"#,
        BackToSearch => r#"Volver a la búsqueda"#,
        ErrNotFound => r#"Página no encontrada"#,
        ErrNotFoundLead => r#"No hay ninguna página en esta dirección, o la entrada no es pública."#,
        ErrCsrf => r#"Formulario rechazado"#,
        ErrCsrfLead => {
            r#"Este formulario ha caducado o no procede de este sitio, así que no se modificó nada. Vuelva atrás, recargue la página e inténtelo de nuevo."#
        }
        ErrForbidden => r#"Acción no permitida"#,
        ErrForbiddenLead => r#"Su función no permite esta acción."#,
        ErrSignIn => r#"Es necesario iniciar sesión"#,
        ErrSignInLead => r#"Esta página es para el personal. Inicie sesión con su token de acceso."#,
        ErrConflict => r#"No se puede hacer ahora"#,
        ErrConflictLead => {
            r#"La entrada no está en un estado que permita este paso (puede que alguien ya haya actuado sobre ella)."#
        }
        ErrStaleLead => {
            r#"Otra persona modificó esta entrada después de que abriera la página; no se cambió nada. Recargue la página para ver el texto actual."#
        }
        ErrInvalid => r#"Revise los datos introducidos"#,
        ErrInvalidLead => r#"El texto no fue aceptado:"#,
        ErrServer => r#"Se produjo un error"#,
        ErrServerLead => {
            r#"El servidor no pudo completar esta solicitud. El administrador encontrará los detalles en el registro del servidor."#
        }
        SecAbsent => r#"Sin iniciar"#,
        SecDraft => r#"Borrador"#,
        SecSubmitted => r#"Enviado para examen"#,
        SecAdopted => r#"Adoptado"#,
        SecReturned => r#"Devuelto"#,
        SecAssisted => r#"Asistido por máquina"#,
        LangAr => r#"árabe"#,
        LangZh => r#"chino"#,
        LangEn => r#"inglés"#,
        LangFr => r#"francés"#,
        LangRu => r#"ruso"#,
        LangEs => r#"español"#,
        RoleAdmin => r#"Administrador de la TSB"#,
        RoleRapporteur => r#"Relator de vocabulario"#,
        RoleTranslator => r#"Traductor"#,
        RoleReviewer => r#"Revisor del SCV"#,
        RecDraft => r#"Proyecto"#,
        RecDetermined => r#"Determinada"#,
        RecConsented => r#"Consentida"#,
        RecInForce => r#"En vigor"#,
        RecSuperseded => r#"Sustituida"#,
        RecWithdrawn => r#"Suprimida"#,
        HistPropose => r#"Propuesta"#,
        HistAccept => r#"Aceptación"#,
        HistReturn => r#"Devolución"#,
        HistMerge => r#"Fusión"#,
        HistEdit => r#"Edición"#,
        HistSubmit => r#"Envío"#,
        HistAdopt => r#"Adopción"#,
        HistComment => r#"Comentario"#,
        HistRevert => r#"Reversión"#,
        HistSupersede => r#"Pasó a histórico"#,
        HistCarry => r#"Trasladado a la nueva Recomendación"#,
        HistImport => r#"Importación"#,
        HistSeed => r#"Datos iniciales"#,
        WatchesTitle => r#"Sus seguimientos"#,
        WatchesIntro => {
            r#"Siga una Comisión de Estudio, un idioma, una Recomendación o un concepto; lo que cambie allí aparecerá arriba cada vez que abra esta página."#
        }
        WatchesNone => r#"Todavía no sigue nada."#,
        WatchAdd => r#"Seguir"#,
        WatchRemove => r#"Dejar de seguir"#,
        WatchAny => r#"Cualquiera"#,
        WatchNewsTitle => r#"Novedades en sus seguimientos desde su última visita"#,
        WatchNewsNone => r#"Nada nuevo en sus seguimientos desde su última visita."#,
        DoneWatchAdded => r#"Ahora sigue este elemento."#,
        DoneWatchRemoved => r#"Ya no sigue este elemento."#,
        NavCheck => r#"Verificar un texto"#,
        NavCheckTranslation => r#"Verificar una traducción"#,
        CheckIntro => {
            r#"Pegue un texto o cargue un archivo: cada término conocido del UIT-T queda marcado, con su definición y sus equivalentes adoptados al pasar el puntero o al recibir el foco del teclado."#
        }
        CheckTextLabel => r#"Texto que se ha de verificar"#,
        CheckFileLabel => r#"O un archivo (.txt, .docx)"#,
        CheckFileHint => {
            r#"Hasta 2 MiB de texto o un archivo Word de 20 MiB; el archivo elegido sustituye al texto pegado."#
        }
        IncludePending => r#"Incluir borradores y propuestas"#,
        CheckNoText => r#"Pegue un texto o elija un archivo."#,
        MarkedTextTitle => r#"El texto con sus términos marcados"#,
        TermsFoundTitle => r#"Términos encontrados"#,
        TermsFoundN => r#"Términos encontrados: {n}"#,
        OccurrencesN => r#"Apariciones: {n}"#,
        NoTermsFound => r#"No se encontró ningún término conocido en este texto."#,
        ColOccurrences => r#"Apariciones"#,
        ColEquivalents => r#"Equivalentes"#,
        ColRemarks => r#"Observaciones"#,
        FlagDeprecated => r#"Término desaconsejado: utilice «{use}»"#,
        FlagNotAdopted => r#"Aún no hay término adoptado en {lang}"#,
        FlagConflict => r#"El mismo término designa también:"#,
        DownloadCsv => r#"Descargar la lista (CSV)"#,
        DownloadTbx => r#"Descargar como glosario (TBX)"#,
        DownloadHint => {
            r#"Un glosario de proyecto para una herramienta TAO: los términos encontrados con sus equivalentes en los idiomas elegidos."#
        }
        CheckAnother => r#"Verificar otro texto"#,
        CheckTranslationIntro => {
            r#"Pegue o cargue un texto original y su traducción: cada término del original se busca en la traducción con sus equivalentes adoptados, en cualquier forma flexionada."#
        }
        SourceTextTitle => r#"Texto original"#,
        TargetTextTitle => r#"Traducción"#,
        TextLabel => r#"Texto"#,
        FindingsTitle => r#"Hallazgos"#,
        FindingsN => r#"Hallazgos: {n}"#,
        NoFindings => {
            r#"Ningún hallazgo: cada término del original tiene uno de sus equivalentes adoptados en la traducción."#
        }
        FindingMissing => r#"Falta el equivalente"#,
        FindingDeprecated => r#"Término desaconsejado en la traducción"#,
        FindingNonPreferred => r#"Término no preferente en la traducción"#,
        ExpectedLabel => r#"Esperado"#,
        ColInSource => r#"En el original"#,
        ColInTarget => r#"En la traducción"#,
        ParagraphN => r#"Párrafo {n}"#,
        WholeText => r#"Texto completo"#,
        SourceTermsTitle => r#"Términos del original"#,
        NotFound => r#"no encontrado"#,
        ConceptLabel => r#"Concepto"#,
        ErrTooMany => r#"Demasiadas solicitudes"#,
        ErrTooManyLead => {
            r#"Se recibieron demasiadas solicitudes desde esta dirección en el último minuto. Espere un momento y vuelva a intentarlo, o inicie sesión."#
        }
    }
}
