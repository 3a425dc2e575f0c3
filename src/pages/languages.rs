//! A site built in several languages: which posts each language shows, the switcher that
//! leads from a page to the same page in another language, and the root page that links to
//! each language's site.

use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::framework::Language;
use crate::i18n::Translations;
use crate::model::{Post, Site};
use crate::output::OutputFile;

/// The posts of one language, in the site's order (newest first): a post's version in that
/// language (`post.sv.md`) where there is one, else its default version (`post.md`; the
/// build warns about the missing translation). A version in a language the site is not built
/// in is never shown.
pub(super) fn posts_in(site: &Site, language: Language) -> Vec<&Post> {
    let default = site.config.language;
    let version = |post: &Post| post.language.unwrap_or(default);
    // One pass to know which slugs have this language's version, so the choice stays linear.
    let has_version: std::collections::HashSet<&str> = site
        .posts
        .iter()
        .filter(|p| version(p) == language)
        .map(|p| p.slug.as_str())
        .collect();
    site.posts
        .iter()
        .filter(|p| {
            version(p) == language
                || (version(p) == default && !has_version.contains(p.slug.as_str()))
        })
        .collect()
}

/// One entry of the language switcher.
#[derive(Serialize)]
pub(super) struct LanguageLink {
    code: &'static str,
    /// The language's own name for itself ("suomi", "svenska").
    name: &'static str,
    /// The same page in that language, relative to this language's folder.
    href: String,
    current: bool,
}

/// The switcher of the page at `path` (relative to its language's folder); empty for a
/// single-language site.
pub(super) fn switcher(languages: &[Language], current: Language, path: &str) -> Vec<LanguageLink> {
    languages
        .iter()
        .map(|&language| LanguageLink {
            code: language.code(),
            name: Translations::embedded(language).text("language_name"),
            // Templates put the page's `root` in front: up to the language folder, then over.
            href: format!("../{}/{path}", language.code()),
            current: language == current,
        })
        .collect()
}

/// The page at the top of a multi-language site: the title and a link to each language.
pub(super) fn root_page(site: &Site) -> Result<OutputFile, Diagnostic> {
    #[derive(Serialize)]
    struct Choice {
        code: &'static str,
        name: &'static str,
        title: &'static str,
    }
    let choices: Vec<Choice> = site
        .config
        .languages
        .iter()
        .map(|&language| Choice {
            code: language.code(),
            name: Translations::embedded(language).text("language_name"),
            title: Translations::embedded(language).text("choose_language"),
        })
        .collect();
    // The site's own `templates/languages.html` if it has one, else the built-in page.
    let source = site
        .template_overrides
        .iter()
        .find(|o| o.name == "languages.html")
        .map_or(include_str!("../../templates/languages.html"), |o| {
            o.source.as_str()
        });
    let mut tera = tera::Tera::new();
    tera.add_raw_template("languages.html", source)
        .map_err(|e| {
            Diagnostic::whole_file(
                std::path::Path::new("templates/languages.html"),
                e.to_string(),
            )
        })?;
    let mut context = tera::Context::new();
    context.insert("site", &site_info(site));
    context.insert("lang", site.config.language.code());
    context.insert("choices", &choices);
    let html = tera.render("languages.html", &context).map_err(|e| {
        Diagnostic::whole_file(
            std::path::Path::new("templates/languages.html"),
            e.to_string(),
        )
    })?;
    Ok(OutputFile {
        path: "index.html".into(),
        contents: html.into_bytes(),
    })
}

#[derive(Serialize)]
struct SiteInfo<'a> {
    title: &'a str,
    organisation: &'a str,
}

fn site_info(site: &Site) -> SiteInfo<'_> {
    SiteInfo {
        title: &site.config.title,
        organisation: &site.config.organisation,
    }
}
