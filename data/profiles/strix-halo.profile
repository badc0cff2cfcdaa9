# strix-halo: AMD Ryzen AI MAX+ 395 (Strix Halo) mini-PCs on the Sixunited
# AXB35 board (GMKtec EVO-X2, Bosgame M5, ...), llama.cpp's Vulkan backend.
#
# The seeds' protocol (../shared/seeds/000, "What I'd do differently", and
# 001): every fan pinned (mode fixed, level 5) and confirmed at 3500 rpm or
# more before any sustained load, a capped power profile (85 W or 120 W), no
# other model server, free memory checked before every run, q8_0 KV cache,
# flash attention, every layer on the GPU.
name = strix-halo
backend = Vulkan
kv = q8_0
fa = 1
ngl = 99
reps = 6
depths = 0,8192,32768,65536
tests = pp512,tg128
test_timeout = 7200

# Unified memory: the iGPU allocates from VRAM (the BIOS carve-out) and
# GTT, both system memory, so MemAvailable and VRAM + GTT free must each
# hold the model, its KV cache and the margin.
gpu = amdgpu
unified = yes
margin_mib = 4096

# The ec_su_axb35 driver (github.com/cmetz/ec-su_axb35-linux):
# /sys/class/ec_su_axb35/fan1..fan3/rpm (read only), mode (auto, fixed,
# curve), level (0-5, 5 = 100%); temp1/temp (the EC's CPU temperature,
# degrees C); apu/power_mode (quiet, balanced, performance).
ec_fan_min_rpm = 3500
ec_fan_mode = fixed
ec_fan_level = 5

# Not verified here: which EC power mode is seed 001's 85 W and which its
# 120 W profile on every board (the modes are the vendor's; on the EVO-X2
# balanced is said to be 85 W and performance 120 W).  quiet is refused:
# the seeds never measured it.
power_modes = balanced,performance

# A point starts below 85 C (k10temp Tctl, amdgpu edge/junction, the EC's
# temp1); a hotter machine gets up to 3 minutes, fans at full, to cool down.
temp_max_c = 85
temp_sensors = k10temp,amdgpu
cooldown_s = 180

# The time estimate: tokens/s times model GiB, from seed 001's pp512 and
# tg128 (Llama 2 7B Q4_K_M, 3.8 GiB: 1074 and 47.3 t/s; Qwen2.5 32B, 18.5
# GiB: 242 and 11.3 t/s).
est_pp_gib = 4000
est_tg_gib = 180
est_load_gib_s = 2
