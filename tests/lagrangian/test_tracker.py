"""Lagrangian tracker against analytic solutions (statistical tolerances from the standard error)."""

import math

import numpy as np
import pytest

from thermophoresis import Gas, InputError, Particle
from thermophoresis.constants import BOLTZMANN, STANDARD_GRAVITY
from thermophoresis.lagrangian import ProfileZ, Tracker, UniformGradient
from thermophoresis.lagrangian.kernels import WALL_EXIT, WALL_HIGH, WALL_LOW
from thermophoresis.drift import thermophoresis

T0 = 293.15


def test_free_drift_mean_and_variance_in_uniform_gradient():
    p, gas = Particle("200 nm", "psl"), Gas("air", T0)
    tr = Tracker(p, gas, UniformGradient(T0, gradient=(0.0, 0.0, 1e3)), dt=0.01, gravity=False, seed=7)
    n, steps = 20000, 100
    res = tr.run(np.zeros((n, 3)), n_steps=steps)
    t = steps * 0.01
    r = thermophoresis(p, gas, 1e3)
    c0, dt_tab, c_th, tau_tab, d_tab, _ = tr._tables
    tau, dif = float(np.interp(T0, c0 + dt_tab * np.arange(tau_tab.size), tau_tab)), r.diffusion_coefficient
    var = 2 * dif * tau * (t / tau - 1 + math.exp(-t / tau))  # OU with equilibrium initial velocities
    z = res.positions[:, 2]
    se = math.sqrt(var / n)
    assert abs(z.mean() - r.velocity * t) < 4 * se
    assert abs(res.positions[:, 0].mean()) < 4 * se
    for k in range(3):
        assert res.positions[:, k].var() == pytest.approx(var, rel=4 * math.sqrt(2 / n))


def test_inertial_relaxation_to_terminal_settling_velocity_exact_for_any_step():
    p, gas = Particle("10 um", "psl"), Gas("air", T0)
    for dt_over_tau in (0.1, 3.0):
        tr = Tracker(p, gas, UniformGradient(T0), dt=1.0, gravity=True, seed=3)
        c0, dtt, _, tau_tab, d_tab, grav = tr.tables(T0 - 1, T0 + 1)
        tau = float(np.interp(T0, c0 + dtt * np.arange(tau_tab.size), tau_tab))
        dif = float(np.interp(T0, c0 + dtt * np.arange(d_tab.size), d_tab))
        tr = Tracker(p, gas, UniformGradient(T0), dt=dt_over_tau * tau, gravity=True, seed=3)
        res = tr.run(np.zeros((2000, 3)), n_steps=40, velocities=np.zeros((2000, 3)), sample_every=1)
        v_s = tau * grav[2]  # negative: downward
        t = res.time
        expected = v_s * (t - tau * (1 - np.exp(-t / tau)))  # z(t) from rest, exact for constant w
        # Brownian spread from rest: Var z = D tau (2a - 3 + 4e^-a - e^-2a), a = t/tau; 4 standard errors
        a = t / tau
        se = np.sqrt(dif * tau * (2 * a - 3 + 4 * np.exp(-a) - np.exp(-2 * a)) / 2000)
        np.testing.assert_array_less(np.abs(res.samples[:, :, 2].mean(axis=1) - expected), 4 * se + 1e-6 * np.abs(expected))
    # and the terminal velocity is the settling velocity of the mobility module (same slip within 0.2 %)
    from thermophoresis.mobility import mobility_summary

    assert abs(v_s) == pytest.approx(mobility_summary(p, gas, slip="kim_2005").settling_velocity, rel=2e-3)


def test_barometric_equilibrium_between_reflecting_walls():
    p, gas = Particle("50 nm", "gold"), Gas("air", T0)
    h_gap = 0.6e-3
    tr = Tracker(p, gas, UniformGradient(T0), dt=0.05, inertial=False, gravity=True, walls=(0.0, h_gap),
                 wall_mode="reflect", seed=11)
    n = 4000
    rng = np.random.default_rng(0)
    start = np.column_stack([np.zeros(n), np.zeros(n), rng.uniform(0, h_gap, n)])
    res = tr.run(start, n_steps=20000)
    m_eff = float(p.mass) * (1 - float(gas.density) / float(p.density))
    hs = BOLTZMANN * T0 / (m_eff * STANDARD_GRAVITY)
    mean_expected = hs - h_gap / math.expm1(h_gap / hs)  # mean height of a truncated exponential
    z = res.positions[:, 2]
    assert np.all((z >= 0) & (z <= h_gap))
    # 4 standard errors, plus 1 % of hs for the O(sqrt(2 D dt)/hs) bias of reflecting a discrete random walk
    assert abs(z.mean() - mean_expected) < 4 * z.std() / math.sqrt(n) + 0.01 * hs
    # fraction in the lower half: (1 - e^{-H/2hs}) / (1 - e^{-H/hs})
    f_low = -math.expm1(-h_gap / (2 * hs)) / -math.expm1(-h_gap / hs)
    assert np.mean(z < h_gap / 2) == pytest.approx(f_low, abs=4 * math.sqrt(f_low * (1 - f_low) / n) + 0.01)


def _precipitator(flow, n=3000, dt=0.05, diameter="1 um", seed=5, brownian=True):
    gap, u_mean = 5e-3, 0.05
    field = ProfileZ.plates(gap, t_bottom=293.15, t_top=313.15, flow=flow, mean_velocity=u_mean)
    tr = Tracker(Particle(diameter, "psl"), Gas("air"), field, dt=dt, inertial=False, gravity=False,
                 walls=(0.0, gap), seed=seed, brownian=brownian)
    z0 = (np.arange(n) + 0.5) / n * gap
    res = tr.run(np.column_stack([np.zeros(n), np.zeros(n), z0]), n_steps=4000)
    # the deterministic deposition point: x_dep(z0) = int_0^z0 u(z) / |v_th(z)| dz with the tracker's tables
    c0, dtt, c_th, _, _, _ = tr._tables
    zq = np.linspace(0, gap, 4001)
    tq = np.interp(zq, field.z, field.temperature)
    g = (field.temperature[-1] - field.temperature[0]) / gap
    v = np.interp(tq, c0 + dtt * np.arange(c_th.size), c_th) * g
    u = np.interp(zq, field.z, field.velocity_x)
    integrand = u / v
    cum = np.concatenate([[0.0], np.cumsum(0.5 * (integrand[1:] + integrand[:-1]) * np.diff(zq))])
    x_dep = np.interp(z0, zq, cum)
    return res, x_dep, gap, u_mean, v


@pytest.mark.parametrize("flow", ["plug", "poiseuille"])
def test_thermophoretic_precipitator_collection_against_analytic(flow):
    res, x_dep, gap, u_mean, v = _precipitator(flow)
    assert np.all(res.event_wall == WALL_LOW)  # everything ends on the cold plate
    n = x_dep.size
    for length in np.quantile(x_dep, [0.1, 0.3, 0.5, 0.8]):
        sim = np.mean(res.event_position[:, 0] <= length)
        expected = np.mean(x_dep <= length)
        # 4 binomial standard errors, plus 0.01 for Brownian broadening of the deposition points
        # (sqrt(2 D t) ~ 50 um over the ~60 s transit, 1 % of the 5 mm gap)
        assert sim == pytest.approx(expected, abs=4 * math.sqrt(expected * (1 - expected) / n) + 0.01)
    if flow == "plug":
        # classical result for uniform drift: eta(L) = v L / (U H)
        length = 0.5 * u_mean * gap / v.mean()
        assert np.mean(res.event_position[:, 0] <= length) == pytest.approx(0.5, abs=0.03)


def test_convergence_in_time_step():
    # deterministic drift (Brownian motion off) in Poiseuille flow with a position-dependent drift: the
    # deposition point converges to the quadrature result at first order in dt (w frozen over a step)
    errs = []
    for dt in (0.4, 0.2, 0.1, 0.05):
        res, x_dep, *_ = _precipitator("poiseuille", n=200, dt=dt, diameter="1 um", brownian=False)
        # the deposition step overshoots the wall by up to one step: compare where the path crosses z = 0
        errs.append(np.max(np.abs(res.event_position[:, 0] - x_dep)))
    ratios = np.array(errs[:-1]) / np.array(errs[1:])
    assert np.all((ratios > 1.6) & (ratios < 2.5)), (errs, ratios)
    assert errs[-1] < 2e-3 * np.max(x_dep)


def test_same_seed_same_result_whatever_the_chunking():
    p, gas = Particle("300 nm", "silica"), Gas("air")
    field = UniformGradient(T0, gradient=(2e3, 0.0, -1e4), velocity=(0.01, 0.0, 0.0))
    start = np.random.default_rng(5).uniform(-3e-6, 3e-6, (1000, 3))  # spread starts
    # with walls and an exit: events must not depend on the chunking either
    tr = Tracker(p, gas, field, dt=1e-4, seed=99, walls=(-5e-6, 5e-6), x_exit=2e-4)
    whole = tr.run(start, n_steps=300)
    a = tr.run(start[:600], n_steps=300, particle_ids=np.arange(600))
    b = tr.run(start[600:], n_steps=300, particle_ids=np.arange(600, 1000))
    np.testing.assert_array_equal(np.concatenate([a.positions, b.positions]), whole.positions)
    np.testing.assert_array_equal(np.concatenate([a.event_wall, b.event_wall]), whole.event_wall)
    # the gradient points down (-z): particles drift up, to the upper wall, or leave through the exit
    assert np.any(whole.event_wall == WALL_EXIT) and np.any(whole.event_wall == WALL_HIGH)
    # without walls every particle survives: splitting the steps (resuming from the final state) too
    free = Tracker(p, gas, field, dt=1e-4, seed=99)
    full = free.run(start, n_steps=300)
    first = free.run(start, n_steps=120)
    second = free.run(first.positions, n_steps=180, velocities=first.velocities, step0=120)
    assert second.alive.all()
    np.testing.assert_array_equal(second.positions, full.positions)
    # and chunks with different starting regions share the same property tables
    c = free.run(start[:500] + 1e-3, n_steps=300, particle_ids=np.arange(500))
    d = free.run(np.concatenate([start[:500] + 1e-3, start[500:] - 1e-3]), n_steps=300)
    np.testing.assert_array_equal(c.positions, d.positions[:500])
    # a different seed gives different trajectories
    other = Tracker(p, gas, field, dt=1e-4, seed=100, walls=(-5e-6, 5e-6), x_exit=2e-4).run(start, n_steps=300)
    assert not np.array_equal(other.positions, whole.positions)


def test_leaving_the_tabulated_temperature_range_warns():
    from thermophoresis import ValidityWarning

    tr = Tracker(Particle("200 nm", "psl"), Gas("air"), UniformGradient(T0, gradient=(0.0, 0.0, 1e5)), dt=1e-3,
                 gravity=False, seed=1, temperature_range=(290.0, 296.0))
    with pytest.warns(ValidityWarning, match="outside the tabulated range"):
        tr.run(np.zeros((10, 3)), n_steps=2000)
    with pytest.raises(InputError, match="temperature_range must be"):
        Tracker(Particle("200 nm", "psl"), Gas("air"), UniformGradient(T0), dt=1e-3, temperature_range=(300, 200))


def test_xarray_output():
    xr = pytest.importorskip("xarray")
    tr = Tracker(Particle("1 um", "psl"), Gas(), UniformGradient(T0, gradient=(0, 0, 1e3)), dt=1e-3, seed=1)
    ds = tr.run(np.zeros((10, 3)), n_steps=20, sample_every=5).to_xarray()
    assert isinstance(ds, xr.Dataset) and ds["position"].shape == (4, 10, 3)


@pytest.mark.parametrize("kwargs, pattern", [
    (dict(dt=0.0), r"dt must be > 0"),
    (dict(dt=1e-3, walls=(1.0, 0.0)), r"walls must be \(z_lo, z_hi\)"),
    (dict(dt=1e-3, wall_mode="stick"), r"wall_mode must be"),
    (dict(dt=1e-3, seed=-1), r"seed must be a non-negative integer"),
    (dict(dt=1e-3, model="talbott"), r"unknown model 'talbott'"),
    (dict(dt=1e-3, gravity=(0, 1)), r"gravity must be"),
])
def test_bad_input(kwargs, pattern):
    with pytest.raises(ValueError, match=pattern):
        Tracker(Particle("1 um", "psl"), Gas(), UniformGradient(T0), **kwargs)


def test_bad_run_input():
    tr = Tracker(Particle("1 um", "psl"), Gas(), UniformGradient(T0), dt=1e-3)
    with pytest.raises(InputError, match=r"positions must have shape \(N, 3\)"):
        tr.run(np.zeros((5, 2)), n_steps=1)
    with pytest.raises(InputError, match="one particle size"):
        Tracker(Particle([1e-6, 2e-6], "psl"), Gas(), UniformGradient(T0), dt=1e-3)
    with pytest.raises(InputError, match="flow must be"):
        ProfileZ.plates(1e-3, 300, 310, flow="turbulent")


def test_grid3d_reproduces_the_uniform_field_it_samples():
    # trilinear interpolation and second-order finite differences are exact for a linear temperature
    # field, so a grid sampled from a uniform gradient gives the same trajectories (same random streams)
    from thermophoresis.lagrangian import Grid3D

    grad, vel = np.array([300.0, -200.0, 1e3]), np.array([0.01, 0.0, -0.002])
    uni = UniformGradient(T0, gradient=tuple(grad), velocity=tuple(vel))
    ax = np.linspace(-1e-3, 1e-3, 5)
    xx, yy, zz = np.meshgrid(ax, ax, ax, indexing="ij")
    t = T0 + grad[0] * xx + grad[1] * yy + grad[2] * zz
    grid = Grid3D(ax, ax, ax, t, np.broadcast_to(vel, t.shape + (3,)))
    p, gas = Particle("500 nm", "silica"), Gas("air")
    kw = dict(dt=1e-4, seed=4, gravity=True, temperature_range=(280.0, 310.0))  # the same property tables
    start = np.random.default_rng(1).uniform(-2e-4, 2e-4, (300, 3))
    a = Tracker(p, gas, uni, **kw).run(start, n_steps=50)
    b = Tracker(p, gas, grid, **kw).run(start, n_steps=50)
    np.testing.assert_allclose(b.positions, a.positions, rtol=0, atol=1e-12)


def test_grid3d_from_xarray_and_bad_input():
    xr = pytest.importorskip("xarray")
    from thermophoresis.lagrangian import Grid3D

    ax = np.linspace(0.0, 1e-3, 4)
    t = np.full((4, 4, 4), 300.0)
    ds = xr.Dataset({"T": (("z", "y", "x"), t), "u": (("z", "y", "x"), np.ones_like(t))},
                    coords={"x": ax, "y": ax, "z": ax})
    g = Grid3D.from_xarray(ds)
    assert g.velocity.shape == (4, 4, 4, 3) and np.all(g.velocity[..., 0] == 1.0) and np.all(g.velocity[..., 2] == 0)
    with pytest.raises(InputError, match="uniformly spaced"):
        Grid3D(np.array([0.0, 1.0, 3.0]), ax, ax, np.full((3, 4, 4), 300.0))
    with pytest.raises(InputError, match="temperature must have shape"):
        Grid3D(ax, ax, ax, np.full((4, 4, 3), 300.0))


def test_stagnation_point_standoff_height_over_a_heated_wall():
    # deterministic drift: particles approaching a heated wall stop where the flow toward the wall (a z)
    # equals the thermophoretic velocity away from it (the particle-free layer of heated-wafer protection)
    from scipy.optimize import brentq

    from thermophoresis.lagrangian import StagnationPoint

    gas = Gas("air")
    field = StagnationPoint(50.0, 313.15, 293.15, gas.thermal_diffusivity)
    tr = Tracker(Particle("100 nm", "psl"), gas, field, dt=1e-3, walls=(0.0, 1.0), inertial=False,
                 gravity=False, brownian=False, seed=0)
    start = np.column_stack([np.zeros(20), np.zeros(20), np.linspace(1e-3, 3e-3, 20)])
    res = tr.run(start, n_steps=4000)
    assert not np.any(res.event_wall)  # nobody reaches the heated wall
    c0, dtt, c_th, *_ = tr._tables
    grid = c0 + dtt * np.arange(c_th.size)
    k = 1 / field.thermal_layer_scale

    def balance(z):
        dtdz = -(313.15 - 293.15) * 2 / np.sqrt(np.pi) * k * np.exp(-(k * z) ** 2)
        return -50.0 * z - np.interp(field.temperature_at(z), grid, c_th) * dtdz

    z_star = brentq(balance, 1e-9, 5 * field.thermal_layer_scale)
    np.testing.assert_allclose(res.positions[:, 2], z_star, rtol=1e-3)
    # an unheated wall collects them
    cold = StagnationPoint(50.0, 293.15, 293.15, gas.thermal_diffusivity)
    r2 = Tracker(Particle("100 nm", "psl"), gas, cold, dt=1e-3, walls=(0.0, 1.0), inertial=False, gravity=False,
                 seed=0).run(start, n_steps=4000)
    assert r2.fraction(WALL_LOW) == 1.0


def test_user_force_drift():
    p, gas = Particle("1 um", "psl"), Gas("air", T0)
    f = np.array([1e-14, 0.0, 0.0])
    tr = Tracker(p, gas, UniformGradient(T0), dt=1e-3, gravity=False, force=f, seed=2, brownian=False)
    res = tr.run(np.zeros((10, 3)), n_steps=1000)
    zeta = thermophoresis(p, gas, 0.0).friction_coefficient
    np.testing.assert_allclose(res.positions[:, 0], f[0] / zeta * 1.0, rtol=1e-3)
    with pytest.raises(InputError, match="force must be a finite 3-vector"):
        Tracker(p, gas, UniformGradient(T0), dt=1e-3, force=(1.0, 2.0))


def test_grid3d_from_a_cfd_mesh_file(tmp_path):
    meshio = pytest.importorskip("meshio")
    from scipy.spatial import Delaunay

    from thermophoresis.lagrangian import Grid3D

    rng = np.random.default_rng(0)
    pts = np.vstack([rng.uniform(0, 1e-2, (400, 3)),
                     np.array(np.meshgrid(*[[0, 1e-2]] * 3)).reshape(3, -1).T])  # include the corners
    tets = Delaunay(pts).simplices
    temp = 300.0 + 1e3 * pts[:, 0] - 500.0 * pts[:, 2]
    vel = np.column_stack([np.full(len(pts), 0.1), np.zeros(len(pts)), 2.0 * pts[:, 0]])
    path = tmp_path / "cfd.vtu"
    meshio.write(path, meshio.Mesh(pts, [("tetra", tets)], point_data={"T": temp, "U": vel}))
    g = Grid3D.from_meshio(path, shape=(11, 11, 11))
    kind, fp, data = g.kernel_arrays()
    inner = (slice(2, -2),) * 3
    gx = data[1].reshape(11, 11, 11)[inner]
    gz = data[3].reshape(11, 11, 11)[inner]
    # linear interpolation on the triangulation reproduces a linear field exactly
    np.testing.assert_allclose(gx, 1e3, rtol=1e-6)
    np.testing.assert_allclose(gz, -500.0, rtol=1e-6)
    np.testing.assert_allclose(g.velocity[..., 2], 2.0 * g.x[:, None, None] * np.ones((1, 11, 11)), atol=1e-9)
    # a planar (2-D) mesh
    p2 = rng.uniform(0, 1e-2, (200, 2))
    tri = Delaunay(p2).simplices
    mesh2 = meshio.Mesh(np.column_stack([p2, np.zeros(200)]), [("triangle", tri)],
                        point_data={"T": 300.0 + 1e3 * p2[:, 1]})
    g2 = Grid3D.from_meshio(mesh2, shape=(9, 9, 9))
    assert g2.temperature.shape == (9, 9, 2)
    r2 = Tracker(Particle("1 um", "psl"), Gas("air"), g2, dt=1e-3, gravity=False, seed=1).run(
        np.full((5, 3), 5e-3), n_steps=10)
    assert np.all(np.isfinite(r2.positions))
    with pytest.raises(InputError, match="no point data 'Temp'"):
        Grid3D.from_meshio(mesh2, temperature="Temp")


def test_graetz_eigenvalues_and_fully_developed_nusselt_number():
    from thermophoresis.lagrangian import GraetzTube, graetz_eigen

    beta, *_ = graetz_eigen(4)
    # Shah & London (1978), Laminar Flow Forced Convection in Ducts, Table 13 (constant wall temperature)
    np.testing.assert_allclose(beta, [2.70436, 6.67903, 10.67338, 14.67108], rtol=2e-6)
    assert beta[0] ** 2 / 2 == pytest.approx(3.6568, rel=1e-4)  # Nu_T of fully developed flow
    tube = GraetzTube(radius=1e-3, length=0.2, mean_velocity=0.2, t_inlet=500.0, t_wall=300.0,
                      thermal_diffusivity=4e-5, nr=201)
    x, r, t = tube.temperature_grid()
    theta = (t - 300.0) / 200.0
    eta = r / tube.radius
    i = np.searchsorted(tube.graetz_number(x), 0.3)  # well into the fully developed region
    u = 2 * (1 - eta**2)
    theta_b = np.trapezoid(u * theta[i] * eta, eta) / np.trapezoid(u * eta, eta)
    dtheta_wall = (theta[i, -1] - theta[i, -2]) / (eta[-1] - eta[-2])
    nu = -2 * dtheta_wall / theta_b
    assert nu == pytest.approx(3.6568, rel=0.02)  # one-sided wall difference on a 201-point grid


def test_tube_with_cooled_wall_collects_heated_wall_does_not():
    from thermophoresis.lagrangian import GraetzTube

    gas = Gas("air", 450.0)
    rng = np.random.default_rng(0)
    rr, ph = 2e-3 * np.sqrt(rng.uniform(0, 0.95, 400)), rng.uniform(0, 2 * np.pi, 400)
    start = np.column_stack([np.zeros(400), rr * np.cos(ph), rr * np.sin(ph)])
    fractions = {}
    for t_wall in (300.0, 600.0):
        tube = GraetzTube(radius=2e-3, length=0.5, mean_velocity=0.5, t_inlet=450.0, t_wall=t_wall,
                          thermal_diffusivity=gas.thermal_diffusivity)
        tr = Tracker(Particle("200 nm", "psl"), gas, tube, dt=1e-3, inertial=False, gravity=False, x_exit=0.5,
                     seed=1, brownian=False)
        res = tr.run(start, n_steps=5000)
        fractions[t_wall] = res.fraction(4)
        inside = res.event_wall != 4
        assert np.all(np.hypot(res.positions[inside, 1], res.positions[inside, 2]) <= 2e-3)
    assert fractions[300.0] > 0.05 and fractions[600.0] == 0.0
