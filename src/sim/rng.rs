//! Deterministic random streams.
//!
//! Every draw comes from a Xoshiro256++ stream (`rand_xoshiro::Xoshiro256PlusPlus`, a
//! specified, portable algorithm; never `StdRng`, whose algorithm may change). A stream is
//! identified by (seed, iteration, unit, purpose, name) and starts from the state that
//! SplitMix64 expands from the stream's 64-bit key ([`stream_key`]), a portable hash of that
//! identity. A unit is a placement copy (or a supervisor pool); the purpose separates static
//! inputs from monthly shocks, so that adding an input does not shift the shocks. The name is
//! `"inclusim"` except for the streams of instrument inputs, which are named by a hash of
//! their instrument and key ([`stream_id`]). Results therefore never depend on the thread
//! count, on the order in which iterations run, or on how a run is split into shards.
//!
//! Xoshiro256++ replaced ChaCha8 (model 1.3.0): a stream costs one SplitMix64 expansion to
//! start and about a nanosecond per 64-bit word, where ChaCha8 computed 256 bytes at a time,
//! and the engine opens two streams per copy per iteration and draws a few hundred bytes.

use rand::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;

/// The generator of every stream.
pub type Stream = Xoshiro256PlusPlus;

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

/// The name of every stream but the instrument inputs': the bytes of `"inclusim"` as a
/// little-endian u64.
const DEFAULT_NAME: u64 = u64::from_le_bytes(*b"inclusim");

/// The stream for one (seed, iteration, unit, purpose).
pub fn stream(seed: u64, iteration: u64, unit: u64, purpose: Purpose) -> Stream {
    Stream::seed_from_u64(stream_key(seed, iteration, unit, purpose, DEFAULT_NAME))
}

/// The stream of instrument input `id` ([`stream_id`]) of copy `unit`.
pub fn input_stream(seed: u64, iteration: u64, unit: u64, id: u64) -> Stream {
    Stream::seed_from_u64(stream_key(seed, iteration, unit, Purpose::InstrumentInput, id))
}

/// The 64-bit key of a stream: the words seed, iteration, unit, purpose and name folded in
/// that order by h ← mix(h ⊕ word), from h = 0, where mix is SplitMix64's finaliser (a
/// bijection of u64). With the other words fixed, the key is a bijection of each word, so
/// two iterations (or two copies, or two seeds) of the same stream never share a key; keys
/// of streams that differ in two words coincide with probability about 2⁻⁶⁴.
pub fn stream_key(seed: u64, iteration: u64, unit: u64, purpose: Purpose, name: u64) -> u64 {
    [seed, iteration, unit, purpose as u64, name]
        .into_iter()
        .fold(0, |h, word| mix(h ^ word))
}

/// SplitMix64's output function (Steele, Lea & Flood 2014, as in `java.util.SplittableRandom`).
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
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

    const PINNED_FIRST_WORD: u64 = 0xcb03_4d6e_feb9_b41d;

    #[test]
    fn mix_is_splitmix64s_output_function() {
        // SplitMix64 seeded with 0 returns mix(γ) first: the published first output.
        assert_eq!(mix(0x9e37_79b9_7f4a_7c15), 0xe220_a839_7b1d_cdaf);
        assert_eq!(mix(0), 0);
    }

    /// Streams that differ in one word of their identity start unrelated: the first words of
    /// neighbouring iterations (and units) differ in half their bits on average. A key that
    /// left a word out of some state word would fail this (xoshiro's first output reads only
    /// two of its four state words).
    #[test]
    fn neighbouring_streams_start_unrelated() {
        let n = 20_000u64;
        let bits = |f: &dyn Fn(u64) -> u64| -> f64 {
            let sum: u32 = (0..n).map(|i| (f(i) ^ f(i + 1)).count_ones()).sum();
            f64::from(sum) / n as f64
        };
        let by_iteration = bits(&|i| first_words(7, i, 0, Purpose::Monthly)[0]);
        let by_unit = bits(&|i| first_words(7, 3, i, Purpose::Monthly)[0]);
        let by_seed = bits(&|i| first_words(i, 3, 0, Purpose::Monthly)[0]);
        // The differing bits of two random words: mean 32, sd 4; the mean of n: sd 4/√n.
        let bound = 4.0 * 4.0 / (n as f64).sqrt();
        for (what, mean) in [("iteration", by_iteration), ("unit", by_unit), ("seed", by_seed)] {
            assert!((mean - 32.0).abs() < bound, "{what}: {mean}");
        }
    }

    #[test]
    fn stream_ids_are_fnv1a() {
        // The published FNV-1a test vectors.
        assert_eq!(stream_id(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(stream_id("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(stream_id("foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn input_streams_differ_from_each_other_and_from_the_copy_streams() {
        let words = |mut r: Stream| (0..4).map(|_| r.next_u64()).collect::<Vec<_>>();
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
