//! The commentary: post pages, the post list, tag pages and the Atom feed.

use super::*;

impl Renderer<'_> {
    /// Renders one post page and returns it with the summary lists and feeds use.
    pub(super) fn render_post(
        &self,
        post: &Post,
    ) -> Result<(PostSummary, OutputFile), Vec<Diagnostic>> {
        let path = format!("posts/{}/index.html", post.slug);
        let figures = self.figures(&path);
        let rendered = shortcodes::render_body(self, &figures, post).map_err(|e| e.0)?;
        let summary = self.post_summary(post, &rendered);
        let body = rendered.html;
        let mut context = self.context(&path, &post.title, "posts");
        context.insert(
            "breadcrumbs",
            &self.section_crumbs("posts", "posts/index.html", post.title.clone()),
        );
        context.insert("post", &summary);
        context.insert(
            "period",
            &post
                .period
                .filter(|p| self.analysis.periods.iter().any(|q| q.period == *p))
                .map(|p| {
                    BTreeMap::from([
                        ("label", p.to_string()),
                        ("href", format!("periods/{}/index.html", p.slug())),
                    ])
                }),
        );
        context.insert("body", &body);
        let file = self
            .render("post.html", &path, &context)
            .map_err(|d| vec![d])?;
        Ok((summary, file))
    }

    /// A post's summary for lists, period pages and the feed: its own `summary:`, else its first
    /// paragraph with inline figures written out (a sentence never loses its numbers).
    pub(super) fn post_summary(
        &self,
        post: &Post,
        rendered: &shortcodes::RenderedPost,
    ) -> PostSummary {
        let minutes = rendered.words.div_ceil(200).max(1);
        let first = markdown::first_paragraph_text(&rendered.plain_markdown);
        PostSummary {
            slug: post.slug.clone(),
            title: post.title.clone(),
            href: format!("posts/{}/index.html", post.slug),
            date: i18n::date(self.language, post.date),
            date_iso: post.date.iso(),
            author: post.author.clone(),
            reading_time: self.tr("reading_time", &[("minutes", Arg::from(minutes))]),
            draft: post.draft,
            summary: post
                .summary
                .clone()
                .or_else(|| (!first.is_empty()).then(|| first.clone())),
            summary_text: post.summary.clone().unwrap_or(first),
            tags: post
                .tags
                .iter()
                .map(|t| TagLink {
                    label: t.clone(),
                    href: format!("tags/{}/index.html", tag_slug(t)),
                })
                .collect(),
            period: post.period,
        }
    }

    pub(super) fn posts_index(&self, posts: &[PostSummary]) -> Result<OutputFile, Diagnostic> {
        let path = "posts/index.html";
        let mut context = self.context(path, self.t("posts"), "posts");
        context.insert("heading", self.t("all_posts"));
        context.insert("lead", &None::<String>);
        context.insert("posts", posts);
        let tag_links: Vec<Link> = vec![Link {
            label: self.t("all_tags").into(),
            href: "tags/index.html".into(),
            depth: 1,
            note: None,
        }];
        context.insert("links", &tag_links);
        self.render("list.html", path, &context)
    }

    pub(super) fn tag_pages(&self, posts: &[PostSummary]) -> Vec<Result<OutputFile, Diagnostic>> {
        let mut tags: BTreeMap<String, (String, Vec<&PostSummary>)> = BTreeMap::new();
        for post in posts {
            for tag in &post.tags {
                tags.entry(tag_slug(&tag.label))
                    .or_insert_with(|| (tag.label.clone(), Vec::new()))
                    .1
                    .push(post);
            }
        }
        let mut pages = Vec::new();
        let path = "tags/index.html";
        let mut context = self.context(path, self.t("tags"), "posts");
        let links: Vec<Link> = tags
            .iter()
            .map(|(slug, (label, list))| Link {
                label: format!("#{label}"),
                href: format!("tags/{slug}/index.html"),
                depth: 1,
                note: Some(format!("({})", list.len())),
            })
            .collect();
        context.insert("heading", self.t("all_tags"));
        context.insert("lead", &None::<String>);
        context.insert("links", &links);
        context.insert("posts", &Vec::<PostSummary>::new());
        pages.push(self.render("list.html", path, &context));
        for (slug, (label, list)) in &tags {
            let path = format!("tags/{slug}/index.html");
            let mut context = self.context(&path, &format!("#{label}"), "posts");
            context.insert(
                "breadcrumbs",
                &self.section_crumbs("tags", "tags/index.html", format!("#{label}")),
            );
            context.insert(
                "heading",
                &self.tr("tagged_heading", &[("tag", label.as_str().into())]),
            );
            context.insert("lead", &None::<String>);
            context.insert("posts", list);
            context.insert("links", &Vec::<Link>::new());
            pages.push(self.render("list.html", &path, &context));
        }
        pages
    }

    pub(super) fn feed(&self, posts: &[PostSummary]) -> Result<OutputFile, Diagnostic> {
        let path = "feed.xml";
        let mut context = self.context(path, &self.site.config.title, "posts");
        // The newest post's date, not the build time: two builds give the same bytes.
        let updated = posts
            .iter()
            .map(|p| p.date_iso.clone())
            .max()
            .unwrap_or_else(|| "1970-01-01".into());
        context.insert("updated", &format!("{updated}T00:00:00Z"));
        context.insert("feed_id", &slugify(&self.site.config.title));
        context.insert("posts", posts);
        self.render("feed.xml", path, &context)
    }
}
