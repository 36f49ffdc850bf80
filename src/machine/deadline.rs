//! Calls that take no timeout of their own (name resolution, the DFS client), run so that
//! lanman does not wait for them past `--timeout`: each on a detached thread, which is left
//! behind, never joined, when it does not answer in time. (A scoped thread would be joined,
//! and wait for the hung call.)

use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Each job's answer, in the order of `jobs`, or `None` for a job that did not answer within
/// `timeout` (or whose thread could not be started, or panicked).
pub(crate) fn answers_within<T, F>(jobs: Vec<F>, timeout: Duration) -> Vec<Option<T>>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let mut answers: Vec<Option<T>> = std::iter::repeat_with(|| None).take(jobs.len()).collect();
    let (tx, rx) = mpsc::channel();
    for (i, job) in jobs.into_iter().enumerate() {
        let tx = tx.clone();
        // Not started: that job has no answer, as if it had hung.
        let _ = std::thread::Builder::new().spawn(move || {
            // lanman may have stopped waiting: then nobody is left to tell.
            let _ = tx.send((i, job()));
        });
    }
    drop(tx);
    let deadline = Instant::now() + timeout;
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match rx.recv_timeout(left) {
            Ok((i, answer)) => answers[i] = Some(answer),
            // Timed out, or every thread has answered or ended.
            Err(_) => break,
        }
    }
    answers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hung_job_is_left_behind_and_the_others_answer_in_order() {
        let started = Instant::now();
        let jobs: Vec<Box<dyn FnOnce() -> u32 + Send>> = vec![
            Box::new(|| 1),
            Box::new(|| {
                loop {
                    std::thread::park();
                }
            }),
            Box::new(|| 3),
        ];
        let answers = answers_within(jobs, Duration::from_millis(200));
        assert_eq!(answers, [Some(1), None, Some(3)]);
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "waited for the hung job"
        );
    }
}
