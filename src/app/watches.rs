//! Watches: what a signed-in user follows (a study group, a language, a
//! Recommendation, a concept), and what changed there since they last looked.

use super::App;
use crate::error::{Error, Result};
use crate::model::{Change, ChangeFilter, ChangeKind, NewWatch, User, View, Watch};
use crate::store;

/// More than this many watches is a list to search, not to follow.
pub const MAX_WATCHES: usize = 100;
/// Changes shown at once on the queue page.
pub const MAX_NEWS: u32 = 100;

/// Every kind of event: a signed-in user is staff, so proposals and returns too.
const ALL_KINDS: [ChangeKind; 6] = [
    ChangeKind::Proposed,
    ChangeKind::Accepted,
    ChangeKind::Adopted,
    ChangeKind::Returned,
    ChangeKind::Superseded,
    ChangeKind::Withdrawn,
];

impl App {
    pub fn watches(&self, user: &User) -> Result<Vec<Watch>> {
        self.store.read(|c| store::watches::list(c, &user.name))
    }

    /// Adds a watch (the same one twice is one watch); returns it and whether it is new.
    pub fn add_watch(&self, user: &User, w: &NewWatch) -> Result<(Watch, bool)> {
        if w.sg.is_none() && w.lang.is_none() && w.rec.is_none() && w.concept.is_none() {
            return Err(Error::Invalid(
                "a watch needs a study group, a language, a Recommendation or a concept".into(),
            ));
        }
        self.store.write(&user.name, |tx| {
            let c = tx.conn();
            if let Some(sg) = &w.sg {
                if !store::recs::study_group_exists(c, sg.as_str())? {
                    return Err(Error::not_found(format!("study group {sg}")));
                }
            }
            if let Some(rec) = &w.rec {
                if store::recs::get_recommendation(c, rec, View::Staff)?.is_none() {
                    return Err(Error::not_found(format!("Recommendation {rec}")));
                }
            }
            if let Some(id) = w.concept {
                if store::concepts::load_concept(c, id, View::Staff)?.is_none() {
                    return Err(Error::not_found(format!("concept {id}")));
                }
            }
            if store::watches::list(c, &user.name)?.len() >= MAX_WATCHES {
                return Err(Error::Invalid(format!("at most {MAX_WATCHES} watches per user")));
            }
            store::watches::add(tx, &user.name, w)
        })
    }

    pub fn remove_watch(&self, user: &User, id: i64) -> Result<()> {
        let removed = self.store.write(&user.name, |tx| store::watches::remove(tx, &user.name, id))?;
        if removed {
            Ok(())
        } else {
            Err(Error::not_found(format!("watch {id}")))
        }
    }

    /// What changed in `user`'s watches since they were last shown (newest first, each
    /// event once); with `mark_seen`, what is shown now counts as seen.
    pub fn watch_news(&self, user: &User, mark_seen: bool) -> Result<Vec<Change>> {
        let (watches, seen, last) = self.store.read(|c| {
            Ok((
                store::watches::list(c, &user.name)?,
                store::watches::seen(c, &user.name)?,
                store::watches::last_event(c)?,
            ))
        })?;
        let mut news: Vec<Change> = Vec::new();
        for w in &watches {
            let filter = ChangeFilter {
                sg: w.sg.clone(),
                lang: w.lang,
                rec: w.rec.clone(),
                concept: w.concept,
                kinds: ALL_KINDS.to_vec(),
                after: Some(seen),
                limit: MAX_NEWS,
                ..ChangeFilter::default()
            };
            news.extend(self.changes(&filter)?);
        }
        news.sort_by_key(|c| std::cmp::Reverse(c.event));
        news.dedup_by_key(|c| c.event);
        news.truncate(MAX_NEWS as usize);
        if mark_seen && last > seen {
            self.store.write(&user.name, |tx| store::watches::set_seen(tx, &user.name, last))?;
        }
        Ok(news)
    }
}
