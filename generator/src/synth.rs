//! A spec synthesizer for benchmarks: N operations modelled on Update a customer. Each resource
//! has list, create, retrieve, update and delete, its own response type of Customer's size (25
//! fields) and request bodies of the update's size (16). Resources get a file (so a module) each,
//! or all share one file, the layout of an API imported from one OpenAPI document.

/// How the synthetic spec is split into files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One file per resource of five operations.
    FilePerResource,
    /// Every resource in one file.
    OneFile,
}

/// The files of a spec with `operations` operations (rounded up to whole resources of five), as
/// (file name, text), with the `api` block in `api.yaml`, one file per resource.
pub fn spec(operations: usize) -> Vec<(String, String)> {
    spec_in(operations, Layout::FilePerResource)
}

/// Like [`spec`], in the given layout.
pub fn spec_in(operations: usize, layout: Layout) -> Vec<(String, String)> {
    let resources = operations.div_ceil(5).max(1);
    let mut files = vec![(
        "api.yaml".to_string(),
        "api:\n  name: bench\n  title: Benchmark API\n  base_url: https://api.example.com\n  \
         auth: { api_key: { header: X-API-Key }, bearer: true }\n"
            .to_string(),
    )];
    match layout {
        Layout::FilePerResource => files.extend((0..resources).map(|i| {
            let text =
                format!("description: Things of kind {i}.\n\ntypes:\n{}\nendpoints:\n{}", types(i), endpoints(i));
            (format!("resource_{i:05}.yaml"), text)
        })),
        Layout::OneFile => {
            let (types, endpoints): (String, String) = (0..resources).map(|i| (types(i), endpoints(i))).unzip();
            let text = format!("description: Things of every kind.\n\ntypes:\n{types}\nendpoints:\n{endpoints}");
            files.push(("things.yaml".to_string(), text));
        }
    }
    files
}

/// Body fields of the update: (name, type, nullable).
const BODY: &[(&str, &str, bool)] = &[
    ("name", "string", false),
    ("description", "json", true),
    ("description_html", "string", true),
    ("description_stripped", "string", true),
    ("email", "string", true),
    ("website_url", "string", true),
    ("logo_props", "json", false),
    ("domain", "string", true),
    ("employees", "integer", true),
    ("stage", "string", true),
    ("contract_status", "string", true),
    ("revenue", "string", true),
    ("archived_at", "datetime", true),
    ("created_by", "uuid", false),
    ("updated_by", "uuid", false),
    ("logo_asset", "uuid", true),
];

/// Response fields beyond the body's: (name, type, required).
const EXTRA: &[(&str, &str, bool)] = &[
    ("id", "uuid", true),
    ("description_binary", "string", false),
    ("logo_url", "string", false),
    ("external_source", "string", false),
    ("external_id", "string", false),
    ("request_count", "integer", false),
    ("workspace", "uuid", false),
    ("created_at", "datetime", true),
    ("updated_at", "datetime", true),
];

/// The entries under `types:` of resource `i`.
fn types(i: usize) -> String {
    let mut text = format!("  Thing{i}:\n    description: A thing of kind {i}.\n    fields:\n");
    for (name, kind, required) in EXTRA.iter().copied().chain(BODY.iter().map(|&(n, k, _)| (n, k, false))) {
        let nullable = !required && name != "name";
        text.push_str(&format!(
            "      {name}: {{ type: {kind}, required: {required}, nullable: {nullable}, description: The {name} of the thing. }}\n"
        ));
    }
    text
}

/// The entries under `endpoints:` of resource `i`.
fn endpoints(i: usize) -> String {
    let ty = format!("Thing{i}");
    let path = format!("/api/v1/workspaces/{{workspace_slug}}/things-{i}/");
    let item = format!("{path}{{thing_id}}/");
    let slug = "      workspace_slug: { in: path, type: string, description: The workspace's slug. }\n";
    let id = "      thing_id: { in: path, type: uuid, description: The thing's id. }\n";
    let mut text = String::new();
    let body = |create: bool| {
        BODY.iter()
            .map(|&(name, kind, nullable)| {
                let required = create && name == "name";
                let nullable = nullable && !create;
                format!("      {name}: {{ type: {kind}, required: {required}, nullable: {nullable}, description: The new {name}. }}\n")
            })
            .collect::<String>()
    };
    let endpoint = |name: &str, method: &str, path: &str, params: &str, body: Option<String>, response: &str| {
        let body = body.map(|b| format!("    body:\n{b}")).unwrap_or_default();
        format!(
            "  {name}_{i}:\n    summary: {name} a thing of kind {i}\n    description: Does {name} on things of kind {i}.\n    \
             method: {method}\n    path: {path}\n    scopes: [things:write]\n    params:\n{params}{body}    response: {response}\n"
        )
    };
    let page = "      per_page: { in: query, type: integer, description: Items per page. }\n      \
                cursor: { in: query, type: string, description: Where to start. }\n";
    text.push_str(&endpoint(
        "list",
        "GET",
        &path,
        &format!("{slug}{page}"),
        None,
        &format!("{{ status: 200, type: {ty}, paginated: true }}"),
    ));
    text.push_str(&endpoint(
        "create",
        "POST",
        &path,
        slug,
        Some(body(true)),
        &format!("{{ status: 201, type: {ty} }}"),
    ));
    text.push_str(&endpoint(
        "retrieve",
        "GET",
        &item,
        &format!("{slug}{id}"),
        None,
        &format!("{{ status: 200, type: {ty} }}"),
    ));
    text.push_str(&endpoint(
        "update",
        "PATCH",
        &item,
        &format!("{slug}{id}"),
        Some(body(false)),
        &format!("{{ status: 200, type: {ty} }}"),
    ));
    text.push_str(&endpoint("delete", "DELETE", &item, &format!("{slug}{id}"), None, "{ status: 204 }"));
    text
}

#[cfg(test)]
mod tests {
    #[test]
    fn synthesized_specs_are_valid() {
        let files = super::spec(10);
        assert_eq!(files.len(), 3);
        let sources = files.into_iter().map(|(name, text)| (format!("spec/{name}"), text)).collect();
        let generated = crate::generate_sources(sources);
        let errors: Vec<String> = generated.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.render()).collect();
        assert!(errors.is_empty(), "{}", errors.join("\n"));
        let output = generated.output.unwrap();
        assert_eq!((output.endpoints, output.types), (10, 2));
    }

    #[test]
    fn the_one_file_layout_has_the_same_api() {
        let one_file = super::spec_in(10, super::Layout::OneFile);
        assert_eq!(one_file.len(), 2);
        let sources = one_file.into_iter().map(|(name, text)| (format!("spec/{name}"), text)).collect();
        let output = crate::generate_sources(sources).output.unwrap();
        assert_eq!((output.endpoints, output.types), (10, 2));
    }
}
