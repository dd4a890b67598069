//! Which build of the workbench is running, in words the page shows, so a
//! user (or a test) can tell one deployment from the next.

/// "Workbench version 0.1.0, build 3f9a0c12de": the crate's version and
/// the build id the post-build step (scripts/service_worker.cjs) writes
/// into index.html. A page without a build id (a build that skipped that
/// step) shows the version alone.
pub fn version_text(version: &str, build: Option<&str>) -> String {
    match build.map(str::trim).filter(|b| !b.is_empty()) {
        Some(build) => format!("Workbench version {version}, build {build}"),
        None => format!("Workbench version {version}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_version_and_build() {
        assert_eq!(
            version_text("0.1.0", Some("3f9a0c12de")),
            "Workbench version 0.1.0, build 3f9a0c12de"
        );
    }

    #[test]
    fn without_a_build_id_names_the_version_alone() {
        assert_eq!(version_text("0.1.0", None), "Workbench version 0.1.0");
        assert_eq!(version_text("0.1.0", Some(" ")), "Workbench version 0.1.0");
    }
}
