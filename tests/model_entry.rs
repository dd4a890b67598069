//! The data grid's cells: values, counts typed as a pair and the baseline,
//! read as the paste rules read them, with the reason for any refusal.

use plan_workbench::model::charts::entry::{
    baseline_points_cell, blank_points_at_end, counts_cells, is_block, value_cell, Counts,
};
use plan_workbench::model::DataPoint;

#[test]
fn values_read_as_pasted_numbers() {
    assert_eq!(value_cell("64.9"), Ok(64.9));
    assert_eq!(value_cell(" 64.9% "), Ok(64.9));
    assert_eq!(value_cell("1,234"), Ok(1234.0));
    assert_eq!(value_cell("−3"), Ok(-3.0));
    assert_eq!(
        value_cell("abc"),
        Err("“abc” is not a number. Type it as, for example, 64.9 or 64.9%.".to_owned())
    );
    assert!(value_cell("64,9").is_err());
    assert!(value_cell("NaN").is_err());
    assert_eq!(
        value_cell("  "),
        Err("A point needs a value, for example 64.9.".to_owned())
    );
}

#[test]
fn counts_are_a_pair_of_whole_numbers() {
    assert_eq!(counts_cells("41", "63"), Ok(Counts::Set(41, 63)));
    assert_eq!(
        counts_cells(" 1,200 ", "1,500"),
        Ok(Counts::Set(1200, 1500))
    );
    assert_eq!(counts_cells("", " "), Ok(Counts::Clear));
    assert_eq!(
        counts_cells("41", ""),
        Ok(Counts::Waiting("Give the denominator too."))
    );
    assert_eq!(
        counts_cells("", "63"),
        Ok(Counts::Waiting("Give the numerator too."))
    );
    assert_eq!(
        counts_cells("4.5", "10"),
        Err("The numerator “4.5” is not a whole number.".to_owned())
    );
    assert_eq!(
        counts_cells("64", "63"),
        Err("The numerator “64” is more than the denominator “63”.".to_owned())
    );
    assert_eq!(
        counts_cells("0", "0"),
        Err("The denominator “0” must be more than 0.".to_owned())
    );
    assert_eq!(
        counts_cells("x", "y"),
        Err("The numerator “x” is not a number; the denominator “y” is not a number.".to_owned())
    );
    assert!(counts_cells("-1", "5").is_err());
}

#[test]
fn a_baseline_is_at_least_one_point() {
    assert_eq!(baseline_points_cell(" 12 "), Ok(12));
    assert_eq!(baseline_points_cell("1"), Ok(1));
    for bad in ["0", "", "2.5", "-3", "twelve"] {
        assert!(baseline_points_cell(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn blank_rows_at_the_end_are_counted() {
    let filled = DataPoint {
        period: "Jan 2025".into(),
        value: 3.0,
        ..DataPoint::default()
    };
    let blank = DataPoint::default();
    assert_eq!(blank_points_at_end(&[]), 0);
    assert_eq!(blank_points_at_end(&[filled.clone()]), 0);
    assert_eq!(
        blank_points_at_end(&[blank.clone(), filled.clone(), blank.clone(), blank.clone()]),
        2
    );
    let only_a_value = DataPoint {
        value: 1.0,
        ..DataPoint::default()
    };
    assert_eq!(blank_points_at_end(&[only_a_value]), 0);
}

#[test]
fn a_block_is_rows_or_tabbed_cells() {
    assert!(!is_block("64.9"));
    assert!(
        !is_block("64.9\r\n"),
        "one cell copied from Excel ends with a line break"
    );
    assert!(is_block("Mar 2025\t64.9"));
    assert!(is_block("Jan 2025, 3\nFeb 2025, 4\n"));
    assert!(!is_block("\n\nJan 2025\n\n"));
}
