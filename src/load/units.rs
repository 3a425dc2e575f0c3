//! `content/units.yaml`: the organisation's unit tree.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Unit, UnitTree};

use super::config::is_valid_id;
use super::yaml::{at, parse_yaml};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUnits {
    units: Vec<RawUnit>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUnit {
    id: Spanned<String>,
    name: String,
    supervisor: Option<String>,
    #[serde(default)]
    children: Vec<RawUnit>,
}

pub(super) fn parse_units(
    path: &Path,
    text: &str,
    diagnostics: &mut Diagnostics,
) -> Option<UnitTree> {
    let raw: RawUnits = match parse_yaml(path, text, 0) {
        Ok(raw) => raw,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let before = diagnostics.len();
    let mut units = vec![Unit {
        id: String::new(),
        name: String::new(),
        supervisor: None,
        parent: None,
        children: Vec::new(),
        depth: 0,
    }];
    let mut seen: HashMap<String, u64> = HashMap::new();
    // Iterative pre-order walk: parents get smaller indices than their children.
    let mut stack: Vec<(RawUnit, usize)> = raw
        .units
        .into_iter()
        .rev()
        .map(|u| (u, UnitTree::ROOT))
        .collect();
    while let Some((unit, parent)) = stack.pop() {
        let id = &unit.id;
        if !is_valid_id(&id.value) || id.value.contains('_') {
            diagnostics.push(at(path, id, format!("`{}` is not a valid unit id: use lower-case letters a–z, digits and `-` (it becomes a file name)", id.value)));
        } else if let Some(line) = seen.insert(id.value.clone(), id.referenced.line()) {
            diagnostics.push(at(
                path,
                id,
                format!(
                    "duplicate unit id `{}` (first used on line {line})",
                    id.value
                ),
            ));
        }
        let index = units.len();
        units.push(Unit {
            id: unit.id.value,
            name: unit.name,
            supervisor: unit.supervisor,
            parent: Some(parent),
            children: Vec::new(),
            depth: units[parent].depth + 1,
        });
        units[parent].children.push(index);
        stack.extend(unit.children.into_iter().rev().map(|child| (child, index)));
    }
    if units.len() == 1 {
        diagnostics.push(Diagnostic::new(
            path,
            1,
            1,
            "no units: list at least one team under `units`",
        ));
    }
    (diagnostics.len() == before).then(|| UnitTree::new(units))
}
