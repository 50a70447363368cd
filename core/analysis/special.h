// Special functions for the model fits, set never to throw (the wasm build catches exceptions
// only in analysis_optimize.cpp): a domain or pole error sets errno and returns NaN/inf instead.
#pragma once
#include <boost/math/special_functions/digamma.hpp>

namespace profila {

using NoThrowPolicy = boost::math::policies::policy<
    boost::math::policies::domain_error<boost::math::policies::errno_on_error>,
    boost::math::policies::pole_error<boost::math::policies::errno_on_error>,
    boost::math::policies::overflow_error<boost::math::policies::errno_on_error>,
    boost::math::policies::evaluation_error<boost::math::policies::errno_on_error>>;

inline double Digamma(double v) { return boost::math::digamma(v, NoThrowPolicy()); }

}  // namespace profila
