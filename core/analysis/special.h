// Special functions for the model fits, set never to throw (the wasm build catches exceptions
// only in analysis_optimize.cpp): a domain or pole error sets errno and returns NaN/inf instead.
#pragma once
#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/trigamma.hpp>

namespace profila {

// promote_double<false>: Boost would compute a double's digamma in long double, which in wasm is
// a 128-bit software float (a fifth of the BG/NBD fit's time went there); in double it is within a
// few ulp, far below the fit's tolerance.
using NoThrowPolicy = boost::math::policies::policy<
    boost::math::policies::promote_double<false>,
    boost::math::policies::domain_error<boost::math::policies::errno_on_error>,
    boost::math::policies::pole_error<boost::math::policies::errno_on_error>,
    boost::math::policies::overflow_error<boost::math::policies::errno_on_error>,
    boost::math::policies::evaluation_error<boost::math::policies::errno_on_error>>;

inline double Digamma(double v) { return boost::math::digamma(v, NoThrowPolicy()); }
inline double Trigamma(double v) { return boost::math::trigamma(v, NoThrowPolicy()); }

}  // namespace profila
