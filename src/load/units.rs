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
    report_with: Option<Spanned<String>>,
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
        report_with: None,
    }];
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut merges: Vec<(usize, Spanned<String>)> = Vec::new();
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
        if let Some(target) = unit.report_with {
            merges.push((index, target));
        }
        units.push(Unit {
            id: unit.id.value,
            name: unit.name,
            supervisor: unit.supervisor,
            parent: Some(parent),
            children: Vec::new(),
            depth: units[parent].depth + 1,
            report_with: None,
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
    if diagnostics.len() != before {
        return None;
    }
    let mut tree = UnitTree::new(units);
    resolve_report_with(path, &mut tree, merges, diagnostics);
    (diagnostics.len() == before).then_some(tree)
}

/// `report_with:` names the team's parent or a sibling team that is reported on its own; the
/// team itself must be a team (no units below it).
fn resolve_report_with(
    path: &Path,
    tree: &mut UnitTree,
    merges: Vec<(usize, Spanned<String>)>,
    diagnostics: &mut Diagnostics,
) {
    let merged: Vec<usize> = merges.iter().map(|(u, _)| *u).collect();
    for (unit, target) in merges {
        let parent = tree.units[unit].parent;
        let found = tree.find(&target.value).filter(|&t| t != UnitTree::ROOT);
        let problem = match found {
            None => Some(format!(
                "report_with: no unit `{}`; name this team's region or a team beside it",
                target.value
            )),
            Some(_) if !tree.is_leaf(unit) => Some(format!(
                "report_with on `{}`, which has units below it: only a team can be reported with another unit",
                tree.units[unit].id
            )),
            Some(t) if Some(t) == parent => None,
            Some(t) if tree.units[t].parent != parent || t == unit || !tree.is_leaf(t) => {
                Some(format!(
                    "report_with: `{}` is neither this team's region nor a team beside it",
                    target.value
                ))
            }
            Some(t) if merged.contains(&t) => Some(format!(
                "report_with: `{}` is itself reported with another unit; name the unit it is reported with",
                target.value
            )),
            Some(_) => None,
        };
        match problem {
            Some(message) => diagnostics.push(at(path, &target, message)),
            None => tree.units[unit].report_with = found,
        }
    }
}
