//! Which file server a domain DFS path reaches: the DFS client's active target for the mapped
//! path, or for the link above it (docs/windows.md#dfs).

use super::Machine;
use super::deadline::answers_within;

/// What the DFS client said for one namespace path: the target as `\\server\share`, `None`
/// when it marks none active, or why it could not say.
pub(crate) type DfsAnswer = Result<Option<String>, String>;

impl Machine {
    /// The active target of each domain DFS path, all at once, each on a thread of its own
    /// that lanman stops waiting for at `--timeout` (the DFS client answers from its cache,
    /// but nothing documents that it never waits on the network).
    pub(crate) fn dfs_targets(&self, paths: &[String]) -> Vec<DfsAnswer> {
        let jobs: Vec<_> = paths
            .iter()
            .cloned()
            .map(|path| move || active_target(&path))
            .collect();
        answers_within(jobs, self.timeout())
            .into_iter()
            .map(|answer| {
                answer.unwrap_or_else(|| {
                    Err(format!(
                        "the DFS client did not answer within {} s",
                        self.timeout().as_secs()
                    ))
                })
            })
            .collect()
    }
}

/// The mapped path first, then each parent down to the first link under the namespace
/// (`\\domain\namespace\link`): a path below a link is not itself a link the client knows,
/// and the namespace's root target is not the file server of the links under it. A path that
/// is the root itself is asked as it is.
fn lookup_paths(path: &str) -> Vec<String> {
    let trimmed = path.trim_end_matches('\\');
    let parts: Vec<&str> = trimmed
        .trim_start_matches('\\')
        .split('\\')
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() <= 2 {
        return vec![trimmed.to_string()];
    }
    (3..=parts.len())
        .rev()
        .map(|n| format!("\\\\{}", parts[..n].join("\\")))
        .collect()
}

/// The first of `path`'s lookup paths the DFS client knows.
fn active_target(path: &str) -> DfsAnswer {
    let mut first_error = None;
    for candidate in lookup_paths(path) {
        match ask(&candidate) {
            Ok(target) => return Ok(target),
            Err(why) => {
                first_error.get_or_insert(why);
            }
        }
    }
    Err(first_error.unwrap_or_else(|| "no path to ask".to_string()))
}

/// For lanman's tests only, in a build with the `test-fakes` feature: `LANMAN_TEST_DFS_TARGET`
/// (`PATH=TARGET;PATH=TARGET`) answers for the DFS client, which no test machine has.
#[cfg(feature = "test-fakes")]
fn ask(path: &str) -> DfsAnswer {
    if let Ok(table) = std::env::var("LANMAN_TEST_DFS_TARGET") {
        return table
            .split(';')
            .filter_map(|pair| pair.split_once('='))
            .find(|(p, _)| p.eq_ignore_ascii_case(path))
            .map(|(_, target)| Some(target.to_string()))
            .ok_or_else(|| format!("{path} is not in the DFS client's cache"));
    }
    crate::sys::dfs_active_target(path)
}

#[cfg(not(feature = "test-fakes"))]
fn ask(path: &str) -> DfsAnswer {
    crate::sys::dfs_active_target(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_below_a_link_is_asked_up_to_the_link_but_not_the_root() {
        assert_eq!(
            lookup_paths(r"\\corp.example\dfs\projects\2026\"),
            [
                r"\\corp.example\dfs\projects\2026",
                r"\\corp.example\dfs\projects"
            ]
        );
        assert_eq!(lookup_paths(r"\\corp.example\dfs"), [r"\\corp.example\dfs"]);
    }
}
