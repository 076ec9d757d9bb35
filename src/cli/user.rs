//! `hexaglot user add|list|revoke`: users and their tokens.

use hexaglot::model::{Lang, Role, StudyGroupCode};
use hexaglot::{App, Error};

#[derive(clap::Subcommand)]
pub enum UserCommand {
    /// Create a user and print their token (shown once; only its hash is stored).
    Add {
        name: String,
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// Languages of a translator or reviewer (repeat or comma-separate).
        #[arg(long = "lang", value_delimiter = ',')]
        langs: Vec<String>,
        /// Study groups of a rapporteur (repeat or comma-separate).
        #[arg(long = "sg", value_delimiter = ',')]
        sgs: Vec<String>,
        /// Expiry date of the token (YYYY-MM-DD or RFC 3339).
        #[arg(long)]
        expires: Option<String>,
    },
    /// List users with their roles and bindings (never tokens).
    List {
        #[arg(long)]
        json: bool,
    },
    /// Revoke a user's token at once.
    Revoke { name: String },
}

fn parse_role(s: &str) -> Result<Role, String> {
    s.parse()
}

pub fn run(app: &App, cmd: UserCommand) -> hexaglot::Result<()> {
    match cmd {
        UserCommand::Add { name, role, langs, sgs, expires } => {
            let langs = langs
                .iter()
                .map(|l| l.parse())
                .collect::<Result<Vec<Lang>, _>>()
                .map_err(|e| Error::bad_param("--lang", e))?;
            let sgs = sgs
                .iter()
                .map(|s| s.parse())
                .collect::<Result<Vec<StudyGroupCode>, _>>()
                .map_err(|e| Error::bad_param("--sg", e))?;
            let expires = expires
                .map(|e| hexaglot::model::time::parse_bound(&e, true).map_err(|m| Error::bad_param("--expires", m)))
                .transpose()?;
            let token = app.add_user("cli", &name, role, &langs, &sgs, expires.as_deref())?;
            eprintln!("created {role} '{name}'; this token is shown once and cannot be recovered:");
            println!("{token}");
        }
        UserCommand::List { json } => {
            let list = app.users()?;
            if json {
                println!("{}", serde_json::to_string_pretty(&list)?);
            } else {
                for u in list {
                    let bindings: Vec<String> = u
                        .langs
                        .iter()
                        .map(|l| l.to_string())
                        .chain(u.study_groups.iter().map(|s| s.to_string()))
                        .collect();
                    let state = if u.revoked_at.is_some() { "revoked" } else { "active" };
                    println!("{:<24} {:<11} {:<20} {state}", u.name, u.role.as_str(), bindings.join(","));
                }
            }
        }
        UserCommand::Revoke { name } => {
            app.revoke_user("cli", &name)?;
            println!("revoked '{name}'");
        }
    }
    Ok(())
}
