//! Descriptive statistics of samples: mean, standard deviation, quantiles, tail mean and
//! paired differences. Pure functions, summed in the order given.

use statrs::distribution::{ContinuousCDF, StudentsT};

/// Sample mean (0 for an empty sample).
pub fn mean(xs: &[f64]) -> f64 {
    if xs.is_empty() {
        0.0
    } else {
        xs.iter().sum::<f64>() / xs.len() as f64
    }
}

/// Sample standard deviation with n − 1 in the denominator (0 below two values).
pub fn sd(xs: &[f64]) -> f64 {
    if xs.len() < 2 {
        return 0.0;
    }
    let m = mean(xs);
    (xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (xs.len() - 1) as f64).sqrt()
}

/// Standard deviation from running sums (n − 1 in the denominator).
pub fn sd_from_sums(sum: f64, sum_sq: f64, n: u64) -> f64 {
    if n < 2 {
        return 0.0;
    }
    let n = n as f64;
    ((sum_sq - sum * sum / n) / (n - 1.0)).max(0.0).sqrt()
}

/// Quantile of a sorted sample by linear interpolation between order statistics
/// (Hyndman & Fan type 7, the default of R and NumPy).
pub fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    match sorted.len() {
        0 => f64::NAN,
        1 => sorted[0],
        n => {
            let h = (n - 1) as f64 * p.clamp(0.0, 1.0);
            let lo = h.floor() as usize;
            let hi = (lo + 1).min(n - 1);
            sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
        }
    }
}

/// Sorts a copy of the sample in the total order of [`f64::total_cmp`] (negative NaN first,
/// −0 before +0, positive NaN last), by a radix sort of the values' bit patterns: linear in the
/// sample size, and the same sorted values as a comparison sort, since the order is total.
pub fn sorted(xs: &[f64]) -> Vec<f64> {
    let mut v = xs.to_vec();
    radsort::sort(&mut v);
    v
}

/// Type-7 quantiles ([`quantile_sorted`]) at several levels without sorting the whole sample.
/// The values are mapped to integer keys in the order of [`f64::total_cmp`], and the order
/// statistics the levels need are selected by divide and conquer: the middle rank first
/// (`select_nth_unstable`), then the lower ranks in the part left of it and the higher ones in
/// the part right of it, so that the work is about n·log₂(ranks) rather than n·log₂(n). The
/// values are exactly those of [`quantile_sorted`] on the sorted sample, with the same
/// arithmetic. `keys` is a reusable buffer.
pub fn quantiles_by_selection(xs: &[f64], levels: &[f64], keys: &mut Vec<i64>) -> Vec<f64> {
    let n = xs.len();
    if n < 2 {
        return levels
            .iter()
            .map(|_| xs.first().copied().unwrap_or(f64::NAN))
            .collect();
    }
    let bracket = |p: f64| {
        let h = (n - 1) as f64 * p.clamp(0.0, 1.0);
        let lo = h.floor() as usize;
        (h, lo, (lo + 1).min(n - 1))
    };
    let mut ranks: Vec<usize> = levels
        .iter()
        .flat_map(|&p| {
            let (_, lo, hi) = bracket(p);
            [lo, hi]
        })
        .collect();
    ranks.sort_unstable();
    ranks.dedup();
    keys.clear();
    keys.extend(xs.iter().map(|&x| total_order_key(x)));
    select_ranks(keys, 0, &ranks);
    let order_statistic = |rank: usize| from_total_order_key(keys[rank]);
    levels
        .iter()
        .map(|&p| {
            let (h, lo, hi) = bracket(p);
            let (a, b) = (order_statistic(lo), order_statistic(hi));
            a + (h - lo as f64) * (b - a)
        })
        .collect()
}

/// Puts the keys of the given ascending `ranks` (of the whole sample, `part` starting at rank
/// `first`) in their sorted places.
fn select_ranks(part: &mut [i64], first: usize, ranks: &[usize]) {
    if ranks.is_empty() {
        return;
    }
    let middle = ranks.len() / 2;
    let at = ranks[middle] - first;
    let (left, _, right) = part.select_nth_unstable(at);
    select_ranks(left, first, &ranks[..middle]);
    select_ranks(right, first + at + 1, &ranks[middle + 1..]);
}

/// A signed integer in the order of [`f64::total_cmp`] (the same transformation it uses).
fn total_order_key(x: f64) -> i64 {
    let bits = x.to_bits() as i64;
    bits ^ (((bits >> 63) as u64) >> 1) as i64
}

/// The inverse of [`total_order_key`].
fn from_total_order_key(key: i64) -> f64 {
    f64::from_bits((key ^ (((key >> 63) as u64) >> 1) as i64) as u64)
}

/// Conditional value at risk: the mean of the worst ⌈αn⌉ values of a sorted sample.
pub fn lower_tail_mean(sorted: &[f64], alpha: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let k = ((alpha * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    mean(&sorted[..k])
}

/// A share with its binomial standard error √(p(1 − p)/n).
pub fn proportion(hits: u64, n: u64) -> (f64, f64) {
    if n == 0 {
        return (f64::NAN, f64::NAN);
    }
    let p = hits as f64 / n as f64;
    (p, (p * (1.0 - p) / n as f64).sqrt())
}

/// z(0.975), the two-sided 95% critical value of the standard normal.
const Z975: f64 = 1.959_963_984_540_054;

/// Two-sided 95% critical value of Student's t with `n − 1` degrees of freedom. Up to 1000
/// degrees of freedom from statrs; above, the Cornish–Fisher expansion
/// t ≈ z + (z³ + z)/(4ν) + (5z⁵ + 16z³ + 3z)/(96ν²), accurate to about 1e-9 there.
pub fn t95(n: usize) -> f64 {
    if n < 2 {
        return f64::NAN;
    }
    let nu = (n - 1) as f64;
    if nu <= 1000.0
        && let Ok(t) = StudentsT::new(0.0, 1.0, nu)
    {
        return t.inverse_cdf(0.975);
    }
    let z = Z975;
    z + (z.powi(3) + z) / (4.0 * nu) + (5.0 * z.powi(5) + 16.0 * z.powi(3) + 3.0 * z) / (96.0 * nu * nu)
}

/// The comparison of two samples drawn on common random numbers (iteration by iteration).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Paired {
    pub mean_diff: f64,
    pub sd_diff: f64,
    pub ci95: [f64; 2],
    /// Share of iterations where a > b; ties count half.
    pub p_a_better: f64,
}

pub fn paired(a: &[f64], b: &[f64]) -> Paired {
    let diffs: Vec<f64> = a.iter().zip(b).map(|(x, y)| x - y).collect();
    let n = diffs.len();
    let mean_diff = mean(&diffs);
    let sd_diff = sd(&diffs);
    let half = t95(n) * sd_diff / (n as f64).sqrt();
    let wins: f64 = diffs
        .iter()
        .map(|&d| {
            if d > 0.0 {
                1.0
            } else if d == 0.0 {
                0.5
            } else {
                0.0
            }
        })
        .sum();
    Paired {
        mean_diff,
        sd_diff,
        ci95: [mean_diff - half, mean_diff + half],
        p_a_better: if n == 0 { f64::NAN } else { wins / n as f64 },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_follow_type_7() {
        let s = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile_sorted(&s, 0.0), 1.0);
        assert_eq!(quantile_sorted(&s, 1.0), 4.0);
        assert_eq!(quantile_sorted(&s, 0.5), 2.5);
        assert!((quantile_sorted(&s, 0.1) - 1.3).abs() < 1e-12);
    }

    /// A small deterministic generator of awkward samples: repeated values, both zeros,
    /// infinities and a wide range of magnitudes.
    fn awkward_sample(n: usize, seed: u64) -> Vec<f64> {
        let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        (0..n)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                match state % 11 {
                    0 => 0.0,
                    1 => -0.0,
                    2 => 3.5,
                    3 if n > 50 => f64::INFINITY,
                    4 if n > 50 => f64::NEG_INFINITY,
                    _ => ((state >> 11) as f64 / (1u64 << 53) as f64 - 0.5) * 10f64.powi((state % 9) as i32),
                }
            })
            .collect()
    }

    #[test]
    fn the_radix_sort_gives_the_total_order_of_a_comparison_sort() {
        for (n, seed) in [(0, 1), (1, 2), (7, 3), (300, 4), (5000, 5)] {
            let mut xs = awkward_sample(n, seed);
            xs.extend([f64::NAN, -f64::NAN]);
            let mut expected = xs.clone();
            expected.sort_by(f64::total_cmp);
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&sorted(&xs)), bits(&expected), "n = {n}");
        }
    }

    #[test]
    fn selected_quantiles_are_the_sorted_quantiles_bit_for_bit() {
        let levels = [0.0, 0.05, 0.1, 0.25, 0.5, 0.5, 0.75, 0.9, 0.95, 1.0, 0.333];
        for (n, seed) in [(0, 1), (1, 2), (2, 3), (3, 4), (10, 5), (101, 6), (4000, 7)] {
            let xs = awkward_sample(n, seed);
            let sorted = sorted(&xs);
            let expected: Vec<u64> = levels
                .iter()
                .map(|&p| quantile_sorted(&sorted, p).to_bits())
                .collect();
            let got: Vec<u64> = quantiles_by_selection(&xs, &levels, &mut Vec::new())
                .iter()
                .map(|q| q.to_bits())
                .collect();
            assert_eq!(got, expected, "n = {n}");
        }
    }

    #[test]
    fn mean_sd_and_tail() {
        let xs = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0];
        assert_eq!(mean(&xs), 5.0);
        assert!((sd(&xs) - (32.0f64 / 7.0).sqrt()).abs() < 1e-12);
        let sum: f64 = xs.iter().sum();
        let sq: f64 = xs.iter().map(|x| x * x).sum();
        assert!((sd_from_sums(sum, sq, 8) - sd(&xs)).abs() < 1e-12);
        let s: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(lower_tail_mean(&s, 0.05), 3.0);
        assert_eq!(lower_tail_mean(&s[..10], 0.05), 1.0);
    }

    #[test]
    fn paired_difference() {
        let a = [3.0, 5.0, 7.0, 9.0];
        let b = [1.0, 5.0, 4.0, 10.0];
        let p = paired(&a, &b);
        assert_eq!(p.mean_diff, 1.0);
        assert_eq!(p.p_a_better, (1.0 + 0.5 + 1.0) / 4.0);
        // diffs 2, 0, 3, -1: sd = sqrt(10/3); t(3) = 3.182446
        let half = 3.182_446_305_284_263 * (10.0f64 / 3.0).sqrt() / 2.0;
        assert!((p.ci95[1] - (1.0 + half)).abs() < 1e-9);
    }

    #[test]
    fn t_critical_values() {
        assert!((t95(2) - 12.706_204_736).abs() < 1e-6);
        assert!((t95(1_000_000) - 1.959_966_2).abs() < 1e-6);
        // Both sides of the switch agree with the tables: t(0.975; 1000) = 1.962339.
        assert!((t95(1001) - 1.962_339).abs() < 1e-5);
        assert!((t95(1002) - 1.962_336).abs() < 1e-5);
        assert_eq!(proportion(3, 4).0, 0.75);
    }
}
