use super::*;

#[test]
fn durations_read_in_hours_minutes_and_seconds() {
    assert_eq!(duration(45), "45 s");
    assert_eq!(duration(600), "10 min");
    assert_eq!(duration(630), "10 min 30 s");
    assert_eq!(duration(3900), "1 h 5 min");
    assert_eq!(duration(7200), "2 h");
}
