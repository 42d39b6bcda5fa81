//! Deterministic random streams.
//!
//! Every draw comes from a ChaCha8 stream (rand's `ChaCha8Rng`, a specified, portable
//! algorithm; never `StdRng`, whose algorithm may change). A stream is identified by
//! (seed, iteration, unit, purpose, name): the 32-byte key is
//! `seed (u64 LE) ‖ unit (u64 LE) ‖ purpose (u32 LE) ‖ name (8 bytes) ‖ 0u32`, and the ChaCha
//! stream number is the iteration index. A unit is a placement copy (or a supervisor pool);
//! the purpose separates static inputs from monthly shocks, so that adding an input does not
//! shift the shocks. The name is `"inclusim"` except for the streams of instrument inputs,
//! which are named by a hash of their instrument and key ([`stream_id`]). Results therefore
//! never depend on the thread count, on the order in which iterations run, or on how a run is
//! split into shards.

use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;

/// What a stream is used for; part of its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
pub enum Purpose {
    /// Static inputs of a placement copy (and the copula normals, and the initial capacity state).
    Inputs = 1,
    /// Monthly shocks of a copy: capacity, sickness, dropout.
    Monthly = 2,
    /// The available hours of a supervisor pool.
    Pool = 3,
    /// Draws of financing instruments (assessment noise, hiring after a trial placement).
    Instruments = 4,
    /// One uncertain input of a financing instrument (a detachering tariff); the stream's name
    /// is the input's [`stream_id`].
    InstrumentInput = 5,
}

/// The stream for one (seed, iteration, unit, purpose).
pub fn stream(seed: u64, iteration: u64, unit: u64, purpose: Purpose) -> ChaCha8Rng {
    keyed_stream(seed, iteration, unit, purpose, *b"inclusim")
}

/// The stream of instrument input `id` ([`stream_id`]) of copy `unit`.
pub fn input_stream(seed: u64, iteration: u64, unit: u64, id: u64) -> ChaCha8Rng {
    keyed_stream(seed, iteration, unit, Purpose::InstrumentInput, id.to_le_bytes())
}

fn keyed_stream(seed: u64, iteration: u64, unit: u64, purpose: Purpose, name: [u8; 8]) -> ChaCha8Rng {
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&seed.to_le_bytes());
    key[8..16].copy_from_slice(&unit.to_le_bytes());
    key[16..20].copy_from_slice(&(purpose as u32).to_le_bytes());
    key[20..28].copy_from_slice(&name);
    let mut rng = ChaCha8Rng::from_seed(key);
    rng.set_stream(iteration);
    rng
}

/// The name of an instrument input's stream: the 64-bit FNV-1a hash of `name`
/// (`detachering.tariff_per_hour`), a fixed, portable function of its bytes.
pub fn stream_id(name: &str) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    name.bytes()
        .fold(OFFSET, |h, b| (h ^ u64::from(b)).wrapping_mul(PRIME))
}

/// A uniform draw in the open interval (0, 1) from 32 random bits.
#[inline]
pub fn open_uniform<R: rand::Rng + ?Sized>(rng: &mut R) -> f64 {
    open_uniform_from_bits(rng.next_u32())
}

/// The uniform in (0, 1) that 32 random bits stand for: (k + 0.5) / 2³².
#[inline]
pub fn open_uniform_from_bits(bits: u32) -> f64 {
    (f64::from(bits) + 0.5) * (1.0 / 4_294_967_296.0)
}

/// Two uniforms in (0, 1) from the high and the low half of one 64-bit word.
#[inline]
pub fn open_uniform_pair<R: rand::Rng + ?Sized>(rng: &mut R) -> (f64, f64) {
    let word = rng.next_u64();
    (
        open_uniform_from_bits((word >> 32) as u32),
        open_uniform_from_bits(word as u32),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::Rng;

    fn first_words(seed: u64, it: u64, unit: u64, p: Purpose) -> Vec<u64> {
        let mut r = stream(seed, it, unit, p);
        (0..4).map(|_| r.next_u64()).collect()
    }

    #[test]
    fn same_identity_same_draws_in_any_order() {
        let forward: Vec<_> = (0..50).map(|i| first_words(7, i, 0, Purpose::Monthly)).collect();
        let backward: Vec<_> = (0..50)
            .rev()
            .map(|i| first_words(7, i, 0, Purpose::Monthly))
            .collect();
        assert!(forward.iter().eq(backward.iter().rev()));
    }

    #[test]
    fn identities_give_distinct_streams() {
        let base = first_words(7, 3, 1, Purpose::Inputs);
        assert_ne!(base, first_words(8, 3, 1, Purpose::Inputs));
        assert_ne!(base, first_words(7, 4, 1, Purpose::Inputs));
        assert_ne!(base, first_words(7, 3, 2, Purpose::Inputs));
        assert_ne!(base, first_words(7, 3, 1, Purpose::Monthly));
    }

    /// Pins the generator: a change of algorithm or key layout changes every result, and
    /// must come with a new MODEL_VERSION.
    #[test]
    fn stream_is_version_stable() {
        let words = first_words(1, 0, 0, Purpose::Inputs);
        let again = first_words(1, 0, 0, Purpose::Inputs);
        assert_eq!(words, again);
        assert_eq!(
            words[0], PINNED_FIRST_WORD,
            "the random stream changed: {:#x}",
            words[0]
        );
    }

    const PINNED_FIRST_WORD: u64 = 0x1820_627d_e69a_161b;

    #[test]
    fn stream_ids_are_fnv1a() {
        // The published FNV-1a test vectors.
        assert_eq!(stream_id(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(stream_id("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(stream_id("foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn input_streams_differ_from_each_other_and_from_the_copy_streams() {
        let words = |mut r: ChaCha8Rng| (0..4).map(|_| r.next_u64()).collect::<Vec<_>>();
        let a = words(input_stream(7, 3, 1, stream_id("detachering.tariff_per_hour")));
        assert_eq!(
            a,
            words(input_stream(7, 3, 1, stream_id("detachering.tariff_per_hour")))
        );
        assert_ne!(
            a,
            words(input_stream(
                7,
                3,
                1,
                stream_id("proefplaatsing.benefit_per_month")
            ))
        );
        assert_ne!(
            a,
            words(input_stream(7, 3, 2, stream_id("detachering.tariff_per_hour")))
        );
        assert_ne!(a, first_words(7, 3, 1, Purpose::Instruments));
    }

    #[test]
    fn open_uniform_is_inside_unit_interval() {
        let mut r = stream(1, 0, 0, Purpose::Monthly);
        for _ in 0..10_000 {
            let u = open_uniform(&mut r);
            assert!(u > 0.0 && u < 1.0);
        }
    }
}
