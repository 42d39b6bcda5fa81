//! Gaussian copula for correlated static inputs.
//!
//! The scenario gives, for pairs of inputs, the correlation ρ of their normal scores. The
//! engine builds the correlation matrix R, factors it as R = L·Lᵀ (Cholesky), draws
//! z ~ N(0, I), sets x = L·z, and takes each input's quantile at u = Φ(x) (through
//! [`Dist::quantile_at_score`](crate::dist::Dist::quantile_at_score), which for most laws
//! never forms u). Each input
//! keeps its own marginal distribution; the rank (Spearman) correlation that results is
//! ρ_s = (6/π)·asin(ρ/2), slightly smaller in magnitude than ρ (e.g. ρ = 0.5 gives ρ_s ≈ 0.483).

use nalgebra::{DMatrix, SymmetricEigen};
use rand::Rng;
use rand_distr::{Distribution, StandardNormal};

/// The factored correlation structure of some inputs of one placement.
#[derive(Debug, Clone)]
pub struct Copula {
    /// Input slots (indices into the placement's inputs) in matrix order.
    slots: Vec<usize>,
    /// Lower-triangular Cholesky factor L, row-major, `n × n`.
    lower: Vec<f64>,
}

/// One requested correlation: positions in `names`, and ρ.
#[derive(Debug, Clone, Copy)]
pub struct Pair {
    pub a: usize,
    pub b: usize,
    pub rho: f64,
}

impl Copula {
    /// Builds the copula over `slots` (named `names`, same order) from pairwise correlations.
    /// Fails, naming the inputs involved, when the matrix is not positive definite.
    pub fn new(slots: Vec<usize>, names: &[String], pairs: &[Pair]) -> Result<Self, String> {
        let n = slots.len();
        let mut r = DMatrix::<f64>::identity(n, n);
        for p in pairs {
            r[(p.a, p.b)] = p.rho;
            r[(p.b, p.a)] = p.rho;
        }
        let Some(chol) = r.clone().cholesky() else {
            return Err(not_positive_definite(&r, names));
        };
        let l = chol.l();
        // A matrix that factors but is nearly singular would make the draws meaningless.
        if (0..n).any(|i| l[(i, i)] < 1e-6) {
            return Err(not_positive_definite(&r, names));
        }
        let lower = (0..n)
            .flat_map(|i| (0..n).map(move |j| (i, j)))
            .map(|(i, j)| l[(i, j)])
            .collect();
        Ok(Self { slots, lower })
    }

    /// The input slots this copula draws, in order.
    pub fn slots(&self) -> &[usize] {
        &self.slots
    }

    /// Draws one vector of correlated standard normal scores (one per slot) into `x`.
    /// `z` is scratch space; both are resized as needed.
    pub fn draw_scores<R: Rng + ?Sized>(&self, rng: &mut R, z: &mut Vec<f64>, x: &mut Vec<f64>) {
        let n = self.slots.len();
        z.clear();
        z.extend((0..n).map(|_| -> f64 { StandardNormal.sample(rng) }));
        x.clear();
        x.extend((0..n).map(|i| {
            let row = &self.lower[i * n..i * n + i + 1];
            row.iter().zip(z.iter()).map(|(l, z)| l * z).sum::<f64>()
        }));
    }
}

/// Names the inputs that carry the offending direction: the components of the eigenvector of
/// the smallest eigenvalue that are clearly non-zero.
fn not_positive_definite(r: &DMatrix<f64>, names: &[String]) -> String {
    let eigen = SymmetricEigen::new(r.clone());
    let (min_idx, _) =
        eigen.eigenvalues.iter().enumerate().fold(
            (0, f64::INFINITY),
            |best, (i, &v)| if v < best.1 { (i, v) } else { best },
        );
    let v = eigen.eigenvectors.column(min_idx);
    let involved: Vec<&str> = names
        .iter()
        .enumerate()
        .filter(|(i, _)| v[*i].abs() > 0.1)
        .map(|(_, n)| n.as_str())
        .collect();
    let list = if involved.len() >= 2 {
        involved
    } else {
        names.iter().map(String::as_str).collect()
    };
    format!(
        "the correlations between {} are not consistent (the correlation matrix is not positive definite); weaken one or more of them",
        list.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn names(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("x{i}")).collect()
    }

    fn ranks(xs: &[f64]) -> Vec<f64> {
        let mut idx: Vec<usize> = (0..xs.len()).collect();
        idx.sort_by(|&a, &b| xs[a].total_cmp(&xs[b]));
        let mut r = vec![0.0; xs.len()];
        for (rank, i) in idx.into_iter().enumerate() {
            r[i] = rank as f64;
        }
        r
    }

    fn pearson(a: &[f64], b: &[f64]) -> f64 {
        let n = a.len() as f64;
        let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
        let cov: f64 = a.iter().zip(b).map(|(x, y)| (x - ma) * (y - mb)).sum();
        let va: f64 = a.iter().map(|x| (x - ma).powi(2)).sum();
        let vb: f64 = b.iter().map(|y| (y - mb).powi(2)).sum();
        cov / (va * vb).sqrt()
    }

    #[test]
    fn spearman_matches_normal_scores_relation() {
        for rho in [-0.7, 0.3, 0.5, 0.9] {
            let c = Copula::new(vec![0, 1], &names(2), &[Pair { a: 0, b: 1, rho }]).unwrap();
            let mut rng = crate::sim::rng::Stream::seed_from_u64(11);
            let (mut z, mut x) = (Vec::new(), Vec::new());
            let phi = |x: f64| 0.5 * statrs::function::erf::erfc(-x / std::f64::consts::SQRT_2);
            let n = 100_000;
            let (mut a, mut b) = (Vec::with_capacity(n), Vec::with_capacity(n));
            for _ in 0..n {
                c.draw_scores(&mut rng, &mut z, &mut x);
                a.push(phi(x[0]));
                b.push(phi(x[1]));
            }
            let spearman = pearson(&ranks(&a), &ranks(&b));
            let expected = 6.0 / std::f64::consts::PI * (rho / 2.0).asin();
            assert!(
                (spearman - expected).abs() < 0.02,
                "rho {rho}: {spearman} vs {expected}"
            );
            // Marginals stay uniform: mean 1/2, variance 1/12.
            let mean = a.iter().sum::<f64>() / n as f64;
            let var = a.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64;
            assert!((mean - 0.5).abs() < 4.0 * (1.0 / 12.0 / n as f64).sqrt());
            assert!((var - 1.0 / 12.0).abs() < 0.002);
        }
    }

    #[test]
    fn rejects_inconsistent_correlations_naming_inputs() {
        let pairs = [
            Pair { a: 0, b: 1, rho: 0.9 },
            Pair { a: 1, b: 2, rho: 0.9 },
            Pair {
                a: 0,
                b: 2,
                rho: -0.9,
            },
        ];
        let err = Copula::new(vec![0, 1, 2, 3], &names(4), &pairs).unwrap_err();
        assert!(
            err.contains("x0") && err.contains("x1") && err.contains("x2"),
            "{err}"
        );
        assert!(!err.contains("x3"), "{err}");
    }
}
